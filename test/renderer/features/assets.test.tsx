import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Asset } from '@shared/contract/assets'
import { FakeError, fixtures, pending } from '../fake-wild'
import { renderApp } from '../render'

const lab = () => [fixtures.instance('home-lab')]
const base = { 'instances.list': lab, 'operations.list': () => [], 'cluster.settings.get': () => fixtures.cluster() }
const allDownloaded = (): Asset[] => (['iso', 'kernel', 'initramfs', 'cmdline'] as const).map((type) => fixtures.asset({ type }))
const noneDownloaded = (): Asset[] =>
  (['kernel', 'initramfs', 'iso', 'cmdline'] as const).map((type) => fixtures.asset({ type, state: 'missing', downloaded: false, size: 0, sha256: null }))

describe('Boot assets screen', () => {
  it('shows words while loading', async () => {
    await renderApp({ ...base, 'assets.list': () => pending() }, '#/assets')
    expect((await screen.findByText(/Looking at the downloaded files/)).closest('[role=status]')).toBeTruthy()
  })

  it('shows the error with a retry', async () => {
    await renderApp(
      {
        ...base,
        'assets.list': () => {
          throw new FakeError('IO', 'pxe folder unreadable')
        }
      },
      '#/assets'
    )
    expect((await screen.findByRole('alert')).textContent).toMatch(/pxe folder unreadable/)
  })

  it('asks for a Talos version when the instance has none', async () => {
    const { user, wild } = await renderApp(
      {
        ...base,
        'assets.list': (input) => {
          if (!input.version) throw new FakeError('VALIDATION', 'No Talos version given and none in config.yaml (cluster.nodes.talos.version).')
          return noneDownloaded().map((a) => ({ ...a, version: input.version! }))
        }
      },
      '#/assets'
    )
    expect(await screen.findByRole('heading', { name: 'Choose a Talos version first' })).toBeTruthy()
    await user.type(screen.getByRole('textbox', { name: 'Talos version' }), '1.11')
    await user.click(screen.getByRole('button', { name: 'Show files' }))
    expect(screen.getByText(/Not a Talos version/)).toBeTruthy()
    await user.clear(screen.getByRole('textbox', { name: 'Talos version' }))
    await user.type(screen.getByRole('textbox', { name: 'Talos version' }), 'v1.10.7')
    await user.click(screen.getByRole('button', { name: 'Show files' }))
    expect(await screen.findByRole('region', { name: 'Talos v1.10.7 · amd64' })).toBeTruthy()
    expect(wild.callsOf('assets.list').at(-1)).toEqual({ instance: 'home-lab', version: 'v1.10.7' })
  })

  it('lists a set with files, sizes and states, and downloads the missing ones', async () => {
    const { user, wild } = await renderApp({ ...base, 'assets.list': noneDownloaded, 'assets.download': () => ({ operationId: 'op_download_1' }) }, '#/assets')
    const set = await screen.findByRole('region', { name: 'Talos v1.11.5 · amd64' })
    expect(within(set).getByText('this cluster')).toBeTruthy()
    expect(within(set).getByText('plain Talos (no extensions)')).toBeTruthy()
    const files = within(set).getByRole('table', { name: /Files of/ })
    const rows = within(files).getAllByRole('row').slice(1)
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]!.textContent)).toEqual(['ISO image', 'Kernel', 'Initramfs', 'Kernel command line'])
    expect(rows[0]!.textContent).toMatch(/not downloaded/)
    await user.click(within(set).getByRole('button', { name: 'Download' }))
    await waitFor(() =>
      expect(wild.callsOf('assets.download')).toEqual([{ instance: 'home-lab', version: 'v1.11.5', schematicId: fixtures.asset().schematicId, arch: 'amd64' }])
    )
  })

  it('shows the running download with bytes and a cancel that cancels', async () => {
    const op = fixtures.operation({ target: 'talos.iso, kernel v1.11.5 amd64' })
    const { user, wild } = await renderApp(
      {
        ...base,
        'operations.list': () => [op],
        'assets.list': () => noneDownloaded().map((a) => (a.type === 'iso' ? { ...a, state: 'partial' as const, size: 40 * 1024 * 1024 } : a)),
        'operations.cancel': () => ({ ...op, status: 'cancelled' })
      },
      '#/assets'
    )
    const set = await screen.findByRole('region', { name: 'Talos v1.11.5 · amd64' })
    await waitFor(() =>
      expect(
        within(set)
          .getByRole('progressbar', { name: /progress/ })
          .getAttribute('aria-valuenow')
      ).toBe('40')
    )
    expect(within(set).getByText(/40.0 MiB of 100.0 MiB/)).toBeTruthy()
    expect(within(set).queryByRole('button', { name: /Download/ })).toBeNull()
    await user.click(within(set).getByRole('button', { name: 'Cancel download' }))
    await waitFor(() => expect(wild.callsOf('operations.cancel')).toEqual([{ instance: 'home-lab', id: op.id }]))
  })

  it('verifies, and explains a checksum mismatch where it happened', async () => {
    const { user } = await renderApp(
      {
        ...base,
        'assets.list': allDownloaded,
        'assets.verify': () => {
          throw new FakeError('CHECKSUM_MISMATCH', 'talos.iso does not match its recorded SHA-256.')
        }
      },
      '#/assets'
    )
    const set = await screen.findByRole('region', { name: 'Talos v1.11.5 · amd64' })
    await user.click(within(set).getByRole('button', { name: 'Verify' }))
    const alert = await within(set).findByRole('alert')
    expect(alert.textContent).toMatch(/does not match/)
    expect(alert.textContent).toMatch(/Delete it and download it again/)
  })

  it('says plainly when a verify had nothing to compare with, instead of "every file matches"', async () => {
    const withUnknownIso = () => allDownloaded().map((a) => (a.type === 'iso' ? { ...a, state: 'unknown' as const, sha256: null, downloaded: false } : a))
    const { user, wild } = await renderApp({ ...base, 'assets.list': withUnknownIso, 'assets.verify': withUnknownIso }, '#/assets')
    const set = await screen.findByRole('region', { name: 'Talos v1.11.5 · amd64' })
    expect(within(set).getAllByText('no checksum')).toHaveLength(1)
    await user.click(within(set).getByRole('button', { name: 'Verify' }))
    const note = await within(set).findByRole('note')
    expect(note.textContent).toMatch(/Not verified: no checksum is recorded for ISO image/)
    expect(note.textContent).toMatch(/download it again/i)
    expect(wild.callsOf('assets.verify')).toHaveLength(1)
    expect(screen.queryByText(/every file matches its checksum/)).toBeNull()
    // A fresh download gives it a checksum.
    expect(within(set).getByRole('button', { name: 'Download' })).toBeTruthy()
  })

  it('deletes a set after confirming', async () => {
    const { user, wild } = await renderApp({ ...base, 'assets.list': allDownloaded, 'assets.delete': () => ({ deleted: ['a', 'b'] }) }, '#/assets')
    const set = await screen.findByRole('region', { name: 'Talos v1.11.5 · amd64' })
    await user.click(within(set).getByRole('button', { name: 'Delete files…' }))
    const dialog = await screen.findByRole('dialog', { name: /Delete the files of Talos v1.11.5/ })
    await user.click(within(dialog).getByRole('button', { name: 'Delete files' }))
    await waitFor(() => expect(wild.callsOf('assets.delete')).toHaveLength(1))
    expect(await screen.findByText('Deleted 2 files')).toBeTruthy()
  })

  it('gives the USB stick command for the downloaded ISO', async () => {
    await renderApp({ ...base, 'assets.list': allDownloaded }, '#/assets')
    const cmd = await screen.findByLabelText('Commands to write the USB stick')
    expect(cmd.textContent).toMatch(/sudo dd if=".*talos.iso" of=\/dev\/sdX/)
  })
})
