import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { MachineList } from '@shared/contract/machines'
import { fixtures } from '../fake-wild'
import { renderApp, routeHash } from '../render'

const lab = () => [fixtures.instance('home-lab')]
const cp1 = fixtures.node({
  hostname: 'cp-1',
  mac: '00:1a:2b:3c:4d:51',
  targetIp: '192.168.1.51',
  currentIp: '192.168.1.51',
  state: 'ready',
  configured: true,
  deployed: true
})

const machine = fixtures.machine

const list = (): MachineList => ({
  machines: [
    machine({
      key: '00:1a:2b:3c:4d:51',
      mac: '00:1a:2b:3c:4d:51',
      node: 'cp-1',
      hostname: 'cp-1',
      role: 'controlplane',
      state: 'ready',
      targetIp: '192.168.1.51',
      sources: ['node', 'scan'],
      cpu: 'Intel N100 · 4 cores',
      memoryBytes: 16 * 2 ** 30,
      arch: 'amd64'
    }),
    machine({ key: 'vip:192.168.1.50', state: 'vip', currentIp: '192.168.1.50', vip: true }),
    machine({ key: 'aa:bb:cc:00:00:01', mac: 'aa:bb:cc:00:00:01', hostname: 'talos-2gd-7ph', currentIp: '192.168.1.120', canSetup: true, version: 'v1.11.6' }),
    machine({
      key: 'aa:bb:cc:00:00:02',
      mac: 'aa:bb:cc:00:00:02',
      hostname: 'talos-old',
      currentIp: '192.168.1.130',
      stale: true,
      staleReason: 'found 2 h ago'
    })
  ],
  count: 3,
  scannedAt: new Date().toISOString(),
  scanning: false
})

describe('Nodes screen: the one list of machines', () => {
  it('shows the node by name, the VIP labelled and not counted, and offers only a fresh machine', async () => {
    await renderApp({ 'instances.list': lab, 'nodes.list': () => [cp1], 'machines.list': list }, '#/nodes')
    const table = await screen.findByRole('table', { name: 'Nodes' })
    await within(table).findByRole('link', { name: 'Cluster VIP' })
    // Nodes first, the VIP (no machine) last.
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((r) => within(r).getAllByRole('cell')[0]!.textContent)
    ).toEqual(['cp-1', 'talos-2gd-7ph', 'talos-old', 'Cluster VIP'])
    const cp = within(table).getByRole('row', { name: /cp-1/ })
    expect(cp.textContent).toMatch(/ready/)
    expect(cp.textContent).toMatch(/Intel N100 · 4 cores · 16.0 GiB RAM · amd64/)
    const vip = within(table).getByRole('row', { name: /Cluster VIP/ })
    expect(within(vip).getByText('VIP')).toBeTruthy()
    expect(within(vip).queryByRole('button')).toBeNull()
    const fresh = within(table).getByRole('row', { name: /talos-2gd-7ph/ })
    expect(within(fresh).getByRole('button', { name: 'Use this machine 192.168.1.120' })).toBeTruthy()
    const stale = within(table).getByRole('row', { name: /talos-old/ })
    expect(stale.textContent).toMatch(/stale · found 2 h ago/)
    expect(within(stale).queryByRole('button')).toBeNull()
    expect(screen.getByText(/1 node · 1 ready · 2 other machines · the VIP is not counted/)).toBeTruthy()
  })

  it('keeps the chosen machine in the URL and offers setup from its details', { timeout: 15_000 }, async () => {
    const { user } = await renderApp({ 'instances.list': lab, 'nodes.list': () => [cp1], 'machines.list': list }, '#/nodes')
    await user.click(await screen.findByRole('link', { name: 'talos-2gd-7ph' }))
    await waitFor(() => expect(routeHash()).toBe('#/nodes/%40/aa%3Abb%3Acc%3A00%3A00%3A01'))
    const details = (await screen.findByRole('heading', { name: 'talos-2gd-7ph' })).closest('section')!
    expect(details.textContent).toMatch(/v1.11.6/)
    await user.click(within(details as HTMLElement).getByRole('button', { name: 'Use this machine' }))
    await waitFor(() => expect(routeHash()).toBe('#/setup/add/192.168.1.120'))
  })

  it('refreshes by itself while open', { timeout: 15_000 }, async () => {
    let n = 0
    const { wild } = await renderApp(
      {
        'instances.list': lab,
        'nodes.list': () => [cp1],
        'machines.list': () => (++n > 1 ? list() : { ...list(), machines: list().machines.slice(0, 1), count: 1 })
      },
      '#/nodes'
    )
    await screen.findByRole('table', { name: 'Nodes' })
    await waitFor(() => expect(screen.getByRole('link', { name: 'talos-2gd-7ph' })).toBeTruthy(), { timeout: 5000 })
    expect(wild.callsOf('machines.list').length).toBeGreaterThan(1)
  })
})
