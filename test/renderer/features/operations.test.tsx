import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Operation, UnreadableOperation } from '@shared/contract/operations'
import { FakeError, fixtures, pending } from '../fake-wild'
import { renderApp } from '../render'

const lab = () => [fixtures.instance('home-lab')]
const damaged: UnreadableOperation = {
  id: 'op_download_20250101000000_abcdefgh',
  file: '/data/instances/home-lab/operations/op_download_20250101000000_abcdefgh.json',
  status: 'unreadable',
  reason: 'not valid JSON, probably cut short (Unexpected end of JSON input)'
}

describe('Operations screen', () => {
  it('says what will appear when there are none', async () => {
    await renderApp({ 'instances.list': lab, 'operations.list': () => [] }, '#/operations')
    expect(await screen.findByRole('heading', { name: 'No operations yet' })).toBeTruthy()
  })

  it('shows words while loading', async () => {
    await renderApp({ 'instances.list': lab, 'operations.list': () => pending() }, '#/operations')
    expect((await screen.findByText(/Loading operations/)).closest('[role=status]')).toBeTruthy()
  })

  it('shows the error with a retry', async () => {
    await renderApp(
      {
        'instances.list': lab,
        'operations.list': () => {
          throw new FakeError('IO', 'operations.json is unreadable')
        }
      },
      '#/operations'
    )
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/operations.json is unreadable/)
  })

  it('shows a running job with progress, bytes, steps and log, and cancels it', async () => {
    const { user, wild } = await renderApp(
      {
        'instances.list': lab,
        'operations.list': () => [fixtures.operation()],
        'operations.cancel': ({ id }) => fixtures.operation({ id, status: 'cancelled', endedAt: new Date().toISOString() })
      },
      '#/operations'
    )
    const card = await screen.findByRole('article', { name: 'Download v1.11.5 metal-amd64' })
    const bar = within(card).getByRole('progressbar', { name: /progress/ })
    expect(bar.getAttribute('aria-valuenow')).toBe('40')
    expect(within(card).getByText(/40.0 MiB of 100.0 MiB · 5.0 MiB\/s/)).toBeTruthy()
    const steps = within(card).getByRole('list', { name: /Steps of/ })
    expect(within(steps).getAllByRole('listitem')).toHaveLength(3)
    expect(within(card).getByRole('log', { name: /Log of/ }).textContent).toMatch(/40 MiB of 100 MiB/)
    await user.click(within(card).getByRole('button', { name: 'Cancel Download v1.11.5 metal-amd64' }))
    await waitFor(() => expect(wild.callsOf('operations.cancel')).toEqual([{ instance: 'home-lab', id: 'op_download_1' }]))
  })

  it('shows a cancelled job calmly: no failure notice, no danger colour', async () => {
    const cancelled = fixtures.operation({
      status: 'cancelled',
      endedAt: new Date().toISOString(),
      error: { code: 'CANCELLED', message: 'Cancelled by the operator.' },
      failedStep: 'Download kernel'
    } as Partial<Operation>)
    const { user } = await renderApp({ 'instances.list': lab, 'operations.list': () => [cancelled] }, '#/operations')
    const card = await screen.findByRole('article', { name: 'Download v1.11.5 metal-amd64' })
    expect(within(card).getByText('cancelled')).toBeTruthy()
    expect(within(card).getByText(/Cancelled by the operator/).className).not.toMatch(/text-danger/)
    await user.click(within(card).getByRole('button', { name: /Show details/ }))
    expect(within(card).queryByText(/Failed at/)).toBeNull()
    expect(within(card).queryByRole('alert')).toBeNull()
  })

  it('follows operation.updated events without refetching, and badges the sidebar link', async () => {
    const { wild } = await renderApp({ 'instances.list': lab, 'operations.list': () => [] }, '#/operations')
    await screen.findByRole('heading', { name: 'No operations yet' })
    wild.emit('operation.updated', fixtures.operation({ progress: 10 }))
    const card = await screen.findByRole('article', { name: 'Download v1.11.5 metal-amd64' })
    const link = screen.getByRole('link', { name: 'Operations' })
    await waitFor(() => expect(link.getAttribute('aria-describedby')).toBeTruthy())
    expect(document.getElementById(link.getAttribute('aria-describedby')!)!.textContent).toMatch(/1 running/)
    wild.emit('operation.updated', fixtures.operation({ progress: 75 }))
    await waitFor(() =>
      expect(
        within(card)
          .getByRole('progressbar', { name: /progress/ })
          .getAttribute('aria-valuenow')
      ).toBe('75')
    )
    const failed: Operation = fixtures.operation({
      status: 'failed',
      endedAt: new Date().toISOString(),
      failedStep: 'Download ISO',
      error: { code: 'HTTP', message: 'The factory answered 502.' }
    })
    wild.emit('operation.updated', failed)
    await waitFor(() => expect(screen.getByRole('link', { name: 'Operations' }).getAttribute('aria-describedby')).toBeNull())
    expect(screen.getByText(/Download ISO: The factory answered 502/)).toBeTruthy()
    expect(wild.callsOf('operations.list')).toHaveLength(1)
  })

  it('shows running jobs in the sidebar on every screen', async () => {
    await renderApp({ 'instances.list': lab, 'operations.list': () => [fixtures.operation()] }, '#/settings')
    const panel = await screen.findByRole('region', { name: 'Running operations' })
    expect(within(panel).getByText('Download v1.11.5 metal-amd64')).toBeTruthy()
    expect(within(panel).getByRole('link', { name: 'Open Operations' })).toBeTruthy()
  })

  it('explains a failure with its step and next step in the details', async () => {
    const { user } = await renderApp(
      {
        'instances.list': lab,
        'operations.unreadable': () => [],
        'operations.list': () => [
          fixtures.operation({
            status: 'failed',
            endedAt: new Date().toISOString(),
            failedStep: 'Download ISO',
            error: { code: 'HTTP', message: 'The factory answered 502.' }
          })
        ]
      },
      '#/operations'
    )
    await user.click(await screen.findByRole('button', { name: 'Show details of Download v1.11.5 metal-amd64' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/Failed at "Download ISO"/)
    expect(alert.textContent).toMatch(/proxy in Settings/)
  })

  it('clears finished operations', async () => {
    const { user, wild } = await renderApp(
      {
        'instances.list': lab,
        'operations.list': () => [fixtures.operation({ status: 'completed', progress: 100, endedAt: new Date().toISOString() })],
        'operations.cleanup': () => ({ removed: 1 })
      },
      '#/operations'
    )
    await user.click(await screen.findByRole('button', { name: 'Clear finished' }))
    await waitFor(() => expect(wild.callsOf('operations.cleanup')).toEqual([{ instance: 'home-lab', keep: 0 }]))
    expect(await screen.findByText('Removed 1 finished operation')).toBeTruthy()
  })

  it('shows an unreadable op file as such, with its file and why, and clearing removes it', async () => {
    let removed = false
    const { user, wild } = await renderApp(
      {
        'instances.list': lab,
        'operations.list': () => [],
        'operations.unreadable': () => (removed ? [] : [damaged]),
        'operations.cleanup': () => {
          removed = true
          return { removed: 1 }
        }
      },
      '#/operations'
    )
    const card = await screen.findByRole('article', { name: `Unreadable ${damaged.id}` })
    expect(within(card).getByText('unreadable')).toBeTruthy()
    expect(within(card).getByText(damaged.file)).toBeTruthy()
    expect(within(card).getByText(/not valid JSON, probably cut short/)).toBeTruthy()
    expect(screen.queryByRole('heading', { name: 'No operations yet' })).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Clear finished' }))
    await waitFor(() => expect(wild.callsOf('operations.cleanup')).toEqual([{ instance: 'home-lab', keep: 0 }]))
    await waitFor(() => expect(screen.queryByRole('article', { name: `Unreadable ${damaged.id}` })).toBeNull())
  })

  it('titles an op another process declared interrupted as interrupted, not failed', async () => {
    const message = 'Interrupted during "Download ISO": its owner (pid 7) sent no heartbeat for 40 s; pid 9 declared it interrupted.'
    const { user } = await renderApp(
      {
        'instances.list': lab,
        'operations.unreadable': () => [],
        'operations.list': () => [
          fixtures.operation({ status: 'interrupted', endedAt: new Date().toISOString(), message, error: { code: 'CONFLICT', message } })
        ]
      },
      '#/operations'
    )
    await user.click(await screen.findByRole('button', { name: 'Show details of Download v1.11.5 metal-amd64' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/^Interrupted/)
    expect(alert.textContent).not.toMatch(/^Failed/)
  })

  it('shows when each op started and how long it took, and View stays in the app', async () => {
    const started = new Date(Date.now() - 3 * 86_400_000)
    started.setHours(9, 5, 0, 0)
    const done = fixtures.operation({
      id: 'op_download_2',
      status: 'completed',
      startedAt: started.toISOString(),
      endedAt: new Date(started.getTime() + 125_000).toISOString(),
      progress: 100
    })
    await renderApp({ 'instances.list': lab, 'operations.list': () => [fixtures.operation(), done] }, '#/operations')
    const cards = await screen.findAllByRole('article')
    const running = cards.find((c) => c.textContent?.includes('Running') || c.querySelector('[role=progressbar]'))!
    expect(running.textContent).toMatch(/Started \d{1,2}:\d{2}( [AP]M)? · running for 1:0\d/)
    const finished = cards.find((c) => c !== running)!
    expect(finished.textContent).toMatch(/Started [A-Z][a-z]{2} \d{1,2}, 0?9:05( AM)? · took 2:05/)
    const view = within(finished).getByRole('link', { name: /^View / })
    expect(view.getAttribute('href')).toMatch(/^#\//)
    expect(view.querySelector('.lucide-external-link, .lucide-square-arrow-out-up-right')).toBeNull()
  })
})
