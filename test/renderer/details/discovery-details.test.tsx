import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { FakeError, fixtures } from '../fake-wild'
import { renderApp } from '../render'

const base = {
  'instances.list': () => [fixtures.instance('home-lab')],
  'operations.list': () => [],
  'discovery.suggest': () => [{ cidr: '192.168.1.0/24', interface: 'wlan0', address: '192.168.1.23', addresses: 254, note: null }]
}

const machine = fixtures.machine

describe('scan details (issue 14 item 6)', () => {
  it('a stopped scan says so calmly, keeps what it found and offers to scan again', async () => {
    const stopped = fixtures.discovery({
      operationId: 'op_discover_7',
      cidr: '192.168.1.0/24',
      total: 254,
      probed: 40,
      responders: 1,
      nodesFound: [fixtures.found()],
      error: 'Cancelled by the operator.'
    })
    const { user, wild } = await renderApp(
      {
        ...base,
        'discovery.status': () => stopped,
        'operations.get': ({ id }) => fixtures.operation({ id, type: 'discover', status: 'cancelled' }),
        'discovery.start': () => ({ operationId: 'op_discover_8', warning: null })
      },
      '#/discovery'
    )
    expect(await screen.findByRole('heading', { name: 'Scan stopped: 192.168.1.0/24' })).toBeTruthy()
    expect(screen.getByText(/You stopped this scan\. The machines it found before it stopped are below/)).toBeTruthy()
    expect(screen.getByText(/Stopped after 40 of 254 addresses .* 1 Talos machine found so far/)).toBeTruthy()
    // Not an error: no red text, no "No Talos machine found", the found machine still offered.
    expect(screen.queryByText('Cancelled by the operator.')).toBeNull()
    expect(screen.queryByRole('heading', { name: 'No Talos machine found' })).toBeNull()
    expect(screen.getByRole('button', { name: 'Set up 192.168.1.120' })).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Scan again' }))
    await waitFor(() => expect(wild.callsOf('discovery.start')).toEqual([{ instance: 'home-lab', cidr: '192.168.1.0/24' }]))
  })

  it('a scan stopped before anything answered is not "No Talos machine found"', async () => {
    await renderApp(
      {
        ...base,
        'discovery.status': () =>
          fixtures.discovery({ operationId: 'op_discover_7', cidr: '192.168.1.0/24', total: 254, probed: 3, error: 'Cancelled by the operator.' }),
        'operations.get': ({ id }) => fixtures.operation({ id, type: 'discover', status: 'cancelled' })
      },
      '#/discovery'
    )
    expect(await screen.findByText(/You stopped this scan\. Nothing had answered yet/)).toBeTruthy()
    expect(screen.queryByRole('heading', { name: 'No Talos machine found' })).toBeNull()
  })

  it('a scan that failed still says so in red', async () => {
    await renderApp(
      {
        ...base,
        'discovery.status': () => fixtures.discovery({ operationId: 'op_discover_7', cidr: '192.168.1.0/24', total: 254, probed: 3, error: 'EPERM on socket' }),
        'operations.get': ({ id }) => fixtures.operation({ id, type: 'discover', status: 'failed' })
      },
      '#/discovery'
    )
    expect((await screen.findByText('EPERM on socket')).className).toMatch(/text-danger/)
    expect(screen.getByRole('heading', { name: 'Last scan: 192.168.1.0/24' })).toBeTruthy()
  })

  it('the scan form shows one error at a time', async () => {
    const { user } = await renderApp(
      {
        ...base,
        'discovery.status': () => fixtures.discovery(),
        'discovery.start': () => {
          throw new FakeError('VALIDATION', 'The range 192.168.0.0/16 has 65,534 addresses; scan at most 4,096 at once.')
        }
      },
      '#/discovery'
    )
    const field = (await screen.findByRole('textbox', { name: 'Network to scan' })) as HTMLInputElement
    await waitFor(() => expect(field.value).toBe('192.168.1.0/24'))
    await user.clear(field)
    await user.type(field, '192.168.0.0/16')
    await user.click(screen.getByRole('button', { name: 'Scan' }))
    expect((await screen.findByRole('alert')).textContent).toMatch(/65,534 addresses/)
    await user.clear(field)
    await user.type(field, '192.168.0.0/')
    await user.click(screen.getByRole('button', { name: 'Scan' }))
    const form = screen.getByRole('form', { name: 'Scan a network' })
    expect(await within(form).findByText('Network to scan must be a range like 192.168.1.0/24.')).toBeTruthy()
    // The refusal of the other range is gone: one message, under the field.
    expect(within(form).queryByText(/65,534 addresses/)).toBeNull()
    expect(within(form).queryAllByRole('alert')).toHaveLength(0)
  })

  it('the wizard’s Find table shows nodes, the VIP and moved machines as what they are', async () => {
    const found = [
      fixtures.found({ ip: '192.168.1.120', mac: '00:1a:2b:3c:4d:20' }),
      fixtures.found({ ip: '192.168.1.51', state: 'configured', maintenanceMode: false, node: 'control-1', mac: '00:1a:2b:3c:4d:51' }),
      fixtures.found({ ip: '192.168.1.50', state: 'configured', maintenanceMode: false, vip: true, mac: null }),
      // control-2's former maintenance address: known by its MAC only.
      fixtures.found({ ip: '192.168.1.121', mac: '00:1a:2b:3c:4d:52' }),
      // A machine that booted elsewhere since.
      fixtures.found({ ip: '192.168.1.122', mac: '00:1a:2b:3c:4d:53' })
    ]
    const machines = [
      machine({ key: '00:1a:2b:3c:4d:52', mac: '00:1a:2b:3c:4d:52', node: 'control-2', state: 'ready' }),
      machine({ key: '00:1a:2b:3c:4d:53', mac: '00:1a:2b:3c:4d:53', stale: true, staleReason: 'moved to 192.168.1.140' }),
      machine({ key: '00:1a:2b:3c:4d:20', mac: '00:1a:2b:3c:4d:20', canSetup: true })
    ]
    await renderApp(
      {
        ...base,
        'cluster.settings.get': () => fixtures.cluster({ vip: '192.168.1.50', network: { subnet: '192.168.1.0/24', gateway: '192.168.1.1', dnsServers: [] } }),
        'nodes.list': () => [],
        'discovery.status': () => fixtures.discovery({ cidr: '192.168.1.0/24', total: 254, probed: 254, responders: 5, nodesFound: found }),
        'machines.list': () => ({ machines, count: 3, scannedAt: new Date().toISOString(), scanning: false })
      },
      '#/setup/find'
    )
    const table = await screen.findByRole('table', { name: 'Machines found' })
    const row = (ip: string) =>
      within(table)
        .getAllByRole('row')
        .find((r) => r.textContent?.includes(ip))!
    await waitFor(() => expect(within(row('192.168.1.121')).queryByRole('button')).toBeNull())
    expect(within(row('192.168.1.121')).getByRole('link', { name: 'Open node control-2' })).toBeTruthy()
    expect(within(row('192.168.1.51')).getByRole('link', { name: 'Open node control-1' })).toBeTruthy()
    expect(row('192.168.1.50').textContent).toMatch(/Cluster VIP.*VIP/)
    expect(within(row('192.168.1.50')).queryByRole('button')).toBeNull()
    expect(row('192.168.1.122').textContent).toMatch(/moved.*moved to 192.168.1.140/)
    expect(within(row('192.168.1.122')).queryByRole('button')).toBeNull()
    expect(
      within(table)
        .getAllByRole('button', { name: /^Use this machine/ })
        .map((b) => b.getAttribute('aria-label'))
    ).toEqual(['Use this machine 192.168.1.120'])
  })
})
