import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { FakeError, fixtures, pending } from '../fake-wild'
import { renderApp, routeHash } from '../render'

const lab = () => [fixtures.instance('home-lab')]
const suggest = () => [
  { cidr: '192.168.1.0/24', interface: 'wlan0', address: '192.168.1.23', addresses: 254, note: null },
  { cidr: '10.0.0.0/24', interface: 'eth0', address: '10.0.0.5', addresses: 254, note: null }
]
const base = { 'instances.list': lab, 'operations.list': () => [], 'discovery.suggest': suggest }

describe('Discovery screen', () => {
  it('shows words while loading the last scan', async () => {
    await renderApp({ ...base, 'discovery.status': () => pending() }, '#/discovery')
    expect((await screen.findByText(/Loading the last scan/)).closest('[role=status]')).toBeTruthy()
  })

  it('shows the error with a retry', async () => {
    await renderApp(
      {
        ...base,
        'discovery.status': () => {
          throw new FakeError('IO', 'status.json unreadable')
        }
      },
      '#/discovery'
    )
    expect((await screen.findByRole('alert')).textContent).toMatch(/status.json unreadable/)
  })

  it('suggests this computer’s network but scans only when asked', async () => {
    const { user, wild } = await renderApp(
      { ...base, 'discovery.status': () => fixtures.discovery(), 'discovery.start': () => ({ operationId: 'op_discover_1', warning: null }) },
      '#/discovery'
    )
    expect(await screen.findByRole('heading', { name: 'No scan yet' })).toBeTruthy()
    const field = screen.getByRole('textbox', { name: 'Network to scan' }) as HTMLInputElement
    await waitFor(() => expect(field.value).toBe('192.168.1.0/24'))
    expect(wild.callsOf('discovery.start')).toEqual([])
    await user.click(screen.getByRole('button', { name: /10.0.0.0\/24/ }))
    await user.click(screen.getByRole('button', { name: 'Scan' }))
    await waitFor(() => expect(wild.callsOf('discovery.start')).toEqual([{ instance: 'home-lab', cidr: '10.0.0.0/24' }]))
  })

  it('offers the range scanned last again, not this computer’s first network', async () => {
    const { user, wild } = await renderApp(
      {
        ...base,
        'discovery.status': () => fixtures.discovery({ cidr: '10.0.0.0/24', total: 254, probed: 254 }),
        'discovery.start': () => ({ operationId: 'op_discover_2', warning: null })
      },
      '#/discovery'
    )
    const field = (await screen.findByRole('textbox', { name: 'Network to scan' })) as HTMLInputElement
    await waitFor(() => expect(field.value).toBe('10.0.0.0/24'))
    await user.click(screen.getByRole('button', { name: 'Scan' }))
    await waitFor(() => expect(wild.callsOf('discovery.start')).toEqual([{ instance: 'home-lab', cidr: '10.0.0.0/24' }]))
  })

  it('refuses a range that is not a CIDR, inline', async () => {
    const { user, wild } = await renderApp({ ...base, 'discovery.status': () => fixtures.discovery() }, '#/discovery')
    const field = (await screen.findByRole('textbox', { name: 'Network to scan' })) as HTMLInputElement
    // The suggestion fills the field first; typing over it must not append to it.
    await waitFor(() => expect(field.value).toBe('192.168.1.0/24'))
    await user.clear(field)
    await user.type(field, '192.168.1.0')
    await user.click(screen.getByRole('button', { name: 'Scan' }))
    expect(await screen.findByText("Network to scan needs the range's size after a slash, like 192.168.1.0/24.")).toBeTruthy()
    expect(wild.callsOf('discovery.start')).toEqual([])
  })

  it('follows a running scan live and shows configured machines calmly', async () => {
    const { user, wild } = await renderApp(
      {
        ...base,
        'discovery.status': () => fixtures.discovery({ active: true, operationId: 'op_discover_1', cidr: '192.168.1.0/24', total: 254, probed: 10 }),
        'operations.cancel': () => fixtures.operation({ id: 'op_discover_1', type: 'discover', status: 'cancelled' })
      },
      '#/discovery'
    )
    expect(await screen.findByText(/No Talos machine has answered yet/)).toBeTruthy()
    wild.emit('discovery.found', { instance: 'home-lab', node: fixtures.found() })
    wild.emit('discovery.found', {
      instance: 'home-lab',
      node: fixtures.found({ ip: '192.168.1.51', state: 'configured', maintenanceMode: false, mac: null, hostname: 'cp-1' })
    })
    const table = await screen.findByRole('table', { name: 'Machines found' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows[0]!.textContent).toMatch(/192.168.1.120.*maintenance/)
    expect(rows[1]!.textContent).toMatch(/configured \(belongs to a cluster\)/)
    expect(screen.queryByRole('alert')).toBeNull()
    wild.emit('discovery.status', {
      instance: 'home-lab',
      status: fixtures.discovery({
        active: true,
        operationId: 'op_discover_1',
        cidr: '192.168.1.0/24',
        total: 254,
        probed: 127,
        responders: 2,
        nodesFound: [fixtures.found()]
      })
    })
    await waitFor(() => expect(screen.getByRole('progressbar', { name: 'Scan progress' }).getAttribute('aria-valuenow')).toBe('50'))
    expect(screen.getByText(/127 of 254 addresses checked/)).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Stop scan' }))
    await waitFor(() => expect(wild.callsOf('operations.cancel')).toEqual([{ instance: 'home-lab', id: 'op_discover_1' }]))
  })

  it('offers set-up for machines in maintenance only', async () => {
    const { user } = await renderApp(
      {
        ...base,
        'discovery.status': () =>
          fixtures.discovery({
            cidr: '192.168.1.0/24',
            total: 254,
            probed: 254,
            nodesFound: [fixtures.found(), fixtures.found({ ip: '192.168.1.51', state: 'configured', maintenanceMode: false })]
          })
      },
      '#/discovery'
    )
    await screen.findByRole('table', { name: 'Machines found' })
    expect(screen.queryByRole('button', { name: 'Set up 192.168.1.51' })).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Set up 192.168.1.120' }))
    await waitFor(() => expect(routeHash()).toBe('#/setup/add/192.168.1.120'))
  })

  it('says what to check when a finished scan found nothing', async () => {
    await renderApp({ ...base, 'discovery.status': () => fixtures.discovery({ cidr: '192.168.1.0/24', total: 254, probed: 254 }) }, '#/discovery')
    expect(await screen.findByRole('heading', { name: 'No Talos machine found' })).toBeTruthy()
    expect(screen.getByText(/same network as this computer/)).toBeTruthy()
  })
})
