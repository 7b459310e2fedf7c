import { act, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Asset, DownloadFiles, FileProgress } from '@shared/contract/assets'
import { etaWords, fileCaption } from '@renderer/features/assets/file-progress'
import { fixtures } from '../fake-wild'
import { renderApp } from '../render'

const SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
const op = fixtures.operation({ id: 'op_download_7', target: 'kernel, talos.iso v1.11.5 amd64' })
const assets = (): Asset[] =>
  (['iso', 'kernel', 'initramfs', 'cmdline'] as const).map((type) =>
    type === 'initramfs' || type === 'cmdline'
      ? fixtures.asset({ type, sha256: SHA })
      : fixtures.asset({ type, state: 'missing', downloaded: false, size: 0, sha256: null })
  )
const file = (over: Partial<FileProgress> & Pick<FileProgress, 'type' | 'name'>): FileProgress => ({
  state: 'queued',
  bytesDone: 0,
  bytesTotal: null,
  bytesPerSecond: null,
  etaSeconds: null,
  sha256: null,
  message: null,
  ...over
})
const MiB = 1024 * 1024
const running = (): DownloadFiles => ({
  instance: 'home-lab',
  operationId: op.id,
  files: [
    file({ type: 'kernel', name: 'kernel', state: 'downloading', bytesDone: 12 * MiB, bytesTotal: 40 * MiB, bytesPerSecond: 4 * MiB, etaSeconds: 7 }),
    file({ type: 'iso', name: 'talos.iso', state: 'queued', bytesTotal: 100 * MiB })
  ]
})
const base = {
  'instances.list': () => [fixtures.instance('home-lab')],
  'operations.list': () => [op],
  'cluster.settings.get': () => fixtures.cluster(),
  'assets.list': assets
}
const rowOf = (set: HTMLElement, label: string) => within(set).getByRole('cell', { name: label }).closest('tr') as HTMLElement

describe('Boot assets: each file of a download', () => {
  it('shows each file its own state, bar, bytes, rate and ETA in words, and cancels one file alone', async () => {
    const { user, wild } = await renderApp(
      {
        ...base,
        'assets.downloadFiles': running,
        'assets.cancelFile': (input) => ({
          ...running(),
          files: running().files.map((f) => (f.type === input.file ? { ...f, state: 'cancelled' as const } : f))
        })
      },
      '#/assets'
    )
    const set = await screen.findByRole('region', { name: 'Talos v1.11.5 · amd64' })
    const kernel = await waitFor(() => rowOf(set, 'Kernel'))
    await waitFor(() => expect(within(kernel).getByText('downloading')).toBeTruthy())
    const bar = within(kernel).getByRole('progressbar', { name: 'Downloading Kernel' })
    expect(bar.getAttribute('aria-valuenow')).toBe('30')
    expect(within(kernel).getByText('12.0 MiB of 40.0 MiB · 4.0 MiB/s · about 10 seconds left')).toBeTruthy()
    const iso = rowOf(set, 'ISO image')
    expect(within(iso).getByText('waiting')).toBeTruthy()
    expect(within(iso).queryByRole('progressbar')).toBeNull()
    // Files not in this download keep their on-disk state and have no cancel.
    expect(within(rowOf(set, 'Initramfs')).getByText('downloaded')).toBeTruthy()
    expect(within(rowOf(set, 'Initramfs')).queryByRole('button', { name: /^Cancel/ })).toBeNull()

    // Keyboard reachable: Tab lands on it, Enter presses it.
    const cancelKernel = within(kernel).getByRole('button', { name: 'Cancel Kernel' })
    cancelKernel.focus()
    await user.keyboard('{Enter}')
    await waitFor(() => expect(wild.callsOf('assets.cancelFile')).toEqual([{ instance: 'home-lab', operationId: op.id, file: 'kernel' }]))
    expect(within(iso).getByRole('button', { name: 'Cancel ISO image' })).toBeTruthy()
    expect(wild.callsOf('operations.cancel')).toEqual([])
  })

  it('follows the pushed progress of each file to its end', async () => {
    const { wild } = await renderApp({ ...base, 'assets.downloadFiles': running }, '#/assets')
    const set = await screen.findByRole('region', { name: 'Talos v1.11.5 · amd64' })
    await waitFor(() => expect(within(rowOf(set, 'Kernel')).getByText('downloading')).toBeTruthy())
    act(() =>
      wild.emit('assets.fileProgress', {
        ...running(),
        files: [
          file({ type: 'kernel', name: 'kernel', state: 'cancelled', message: 'cancelled by the operator' }),
          file({ type: 'iso', name: 'talos.iso', state: 'verifying', bytesDone: 100 * MiB, bytesTotal: 100 * MiB })
        ]
      })
    )
    await waitFor(() => expect(within(rowOf(set, 'Kernel')).getByText('cancelled')).toBeTruthy())
    expect(within(rowOf(set, 'Kernel')).getByText('cancelled by the operator')).toBeTruthy()
    expect(within(rowOf(set, 'Kernel')).queryByRole('button', { name: 'Cancel Kernel' })).toBeNull()
    expect(within(rowOf(set, 'ISO image')).getByText('100.0 MiB received · checking the SHA-256')).toBeTruthy()
    act(() =>
      wild.emit('assets.fileProgress', {
        ...running(),
        files: [
          file({ type: 'kernel', name: 'kernel', state: 'cancelled', message: 'cancelled by the operator' }),
          file({ type: 'iso', name: 'talos.iso', state: 'done', bytesDone: 100 * MiB, bytesTotal: 100 * MiB, sha256: SHA })
        ]
      })
    )
    const iso = rowOf(set, 'ISO image')
    await waitFor(() => expect(within(iso).getByLabelText('SHA-256 of ISO image').textContent).toBe(SHA))
    // Nothing left to cancel: the actions column goes.
    expect(within(set).queryByRole('button', { name: /^Cancel (Kernel|ISO image)$/ })).toBeNull()
  })

  it('shows every SHA-256 in full with a copy button that says Copied', async () => {
    const { user } = await renderApp({ ...base, 'operations.list': () => [] }, '#/assets')
    const set = await screen.findByRole('region', { name: 'Talos v1.11.5 · amd64' })
    const initramfs = await waitFor(() => rowOf(set, 'Initramfs'))
    expect(within(initramfs).getByLabelText('SHA-256 of Initramfs').textContent).toBe(SHA)
    expect(within(rowOf(set, 'ISO image')).queryByRole('button', { name: /Copy the SHA-256/ })).toBeNull()
    await user.click(within(initramfs).getByRole('button', { name: 'Copy the SHA-256 of Initramfs' }))
    expect(await within(initramfs).findByText('Copied')).toBeTruthy()
    expect(await navigator.clipboard.readText()).toBe(SHA)
  })
})

describe('time left in words', () => {
  it.each([
    [null, null],
    [0, 'a few seconds left'],
    [4, 'a few seconds left'],
    [7, 'about 10 seconds left'],
    [59, 'about 55 seconds left'],
    [60, 'about 1 minute left'],
    [150, 'about 3 minutes left'],
    [3600, 'about 1 hour left'],
    [4500, 'about 1 hour 15 minutes left']
  ])('%s s → %s', (s, words) => {
    expect(etaWords(s)).toBe(words)
  })

  it('says it is still working out the time left before the ETA is steady', () => {
    expect(fileCaption(file({ type: 'iso', name: 'talos.iso', state: 'downloading', bytesDone: MiB, bytesTotal: 4 * MiB }))).toBe(
      '1.0 MiB of 4.0 MiB · working out the time left'
    )
  })
})
