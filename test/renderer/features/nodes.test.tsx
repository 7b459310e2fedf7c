import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Node } from '@shared/contract/nodes'
import { FakeError, fixtures, pending } from '../fake-wild'
import { renderApp, routeHash } from '../render'

const lab = () => [fixtures.instance('home-lab')]
const three = (): Node[] => [
  fixtures.node({ hostname: 'cp-1', targetIp: '192.168.1.51', state: 'ready', configured: true, deployed: true, currentIp: '192.168.1.51' }),
  fixtures.node({
    hostname: 'worker-1',
    role: 'worker',
    targetIp: '192.168.1.61',
    mac: '00:1a:2b:3c:4d:61',
    state: 'failed',
    stateReason: 'The machine did not come back after 10 minutes.'
  }),
  fixtures.node({ hostname: 'cp-2', targetIp: '192.168.1.52', mac: '00:1a:2b:3c:4d:52', state: 'installing' })
]

function rowNames(): string[] {
  const table = screen.getByRole('table', { name: 'Nodes' })
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell')[0]!.textContent!)
}

describe('Nodes screen', () => {
  it('shows words while loading', async () => {
    await renderApp({ 'instances.list': lab, 'nodes.list': () => pending() }, '#/nodes')
    expect((await screen.findByText(/Loading nodes/)).closest('[role=status]')).toBeTruthy()
  })

  it('shows the error with a retry', async () => {
    await renderApp(
      {
        'instances.list': lab,
        'nodes.list': () => {
          throw new FakeError('CONFIG_INVALID', 'config.yaml line 12: bad indentation')
        }
      },
      '#/nodes'
    )
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/line 12/)
    expect(alert.textContent).toMatch(/undo the last hand edit/)
  })

  it('says how to start when there are no nodes', async () => {
    const { user } = await renderApp({ 'instances.list': lab, 'nodes.list': () => [] }, '#/nodes')
    expect(await screen.findByRole('heading', { name: 'No nodes yet' })).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Set up the first node' }))
    await waitFor(() => expect(routeHash()).toBe('#/setup'))
  })

  it('lists nodes with role, addresses, MAC, disk, version and state; sorts and filters', async () => {
    const { user } = await renderApp({ 'instances.list': lab, 'nodes.list': three }, '#/nodes')
    await screen.findByRole('table', { name: 'Nodes' })
    expect(rowNames()).toEqual(['cp-1', 'cp-2', 'worker-1'])
    const row = screen.getByRole('row', { name: /worker-1/ })
    expect(row.textContent).toMatch(/worker/)
    expect(row.textContent).toMatch(/192.168.1.61/)
    expect(row.textContent).toMatch(/now 192.168.1.120/)
    expect(row.textContent).toMatch(/00:1a:2b:3c:4d:61/)
    expect(row.textContent).toMatch(/\/dev\/nvme0n1/)
    expect(row.textContent).toMatch(/v1.11.5/)
    expect(within(row).getByText('failed')).toBeTruthy()

    await user.click(screen.getByRole('button', { name: /Hostname/ }))
    expect(rowNames()).toEqual(['worker-1', 'cp-2', 'cp-1'])
    expect(screen.getByRole('columnheader', { name: /Hostname/ }).getAttribute('aria-sort')).toBe('descending')

    await user.click(screen.getByRole('button', { name: /^IP/ }))
    expect(rowNames()).toEqual(['cp-1', 'cp-2', 'worker-1'])

    await user.type(screen.getByRole('textbox', { name: 'Filter nodes' }), '4d:52')
    expect(rowNames()).toEqual(['cp-2'])
    await user.clear(screen.getByRole('textbox', { name: 'Filter nodes' }))
    await user.type(screen.getByRole('textbox', { name: 'Filter nodes' }), 'nothing-like-this')
    expect(screen.getByText(/No node matches/)).toBeTruthy()
  })

  it('sets a node up from its row after explaining the unverified apply', async () => {
    const { user, wild } = await renderApp(
      { 'instances.list': lab, 'nodes.list': three, 'nodes.setup': () => ({ operationId: 'op_setup_1' }), 'operations.list': () => [] },
      '#/nodes'
    )
    await user.click(await screen.findByRole('button', { name: 'Actions for worker-1' }))
    await user.click(await screen.findByRole('menuitem', { name: 'Set up' }))
    const dialog = await screen.findByRole('dialog', { name: 'Set up worker-1?' })
    expect(dialog.textContent).toMatch(/unverified/)
    expect(dialog.textContent).toMatch(/Remove the USB stick/)
    await user.click(within(dialog).getByRole('button', { name: 'Set up worker-1' }))
    await waitFor(() => expect(wild.callsOf('nodes.setup')).toEqual([{ instance: 'home-lab', hostname: 'worker-1' }]))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  })

  it('removes a node only after its hostname is typed, optionally resetting it', async () => {
    const { user, wild } = await renderApp({ 'instances.list': lab, 'nodes.list': three, 'nodes.delete': () => ({ ok: true }) }, '#/nodes')
    await user.click(await screen.findByRole('button', { name: 'Actions for cp-1' }))
    await user.click(await screen.findByRole('menuitem', { name: 'Reset or remove…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Remove cp-1?' })
    await user.click(within(dialog).getByRole('checkbox', { name: /Also reset the machine/ }))
    const confirm = within(dialog).getByRole('button', { name: 'Reset and remove' }) as HTMLButtonElement
    expect(confirm.disabled).toBe(true)
    await user.type(within(dialog).getByRole('textbox', { name: 'Type cp-1 to confirm' }), 'cp-1')
    await user.click(confirm)
    await waitFor(() => expect(wild.callsOf('nodes.delete')).toEqual([{ instance: 'home-lab', hostname: 'cp-1', confirm: 'cp-1', reset: true }]))
  })

  it('refreshes when nodes.changed arrives', async () => {
    let list = three().slice(0, 1)
    const { wild } = await renderApp({ 'instances.list': lab, 'nodes.list': () => list }, '#/nodes')
    await screen.findByRole('table', { name: 'Nodes' })
    expect(rowNames()).toEqual(['cp-1'])
    list = three()
    wild.emit('nodes.changed', { instance: 'home-lab' })
    await waitFor(() => expect(rowNames()).toEqual(['cp-1', 'cp-2', 'worker-1']))
  })
})

describe('node page', () => {
  it('shows the node and reads its hardware on request', async () => {
    const { user, wild } = await renderApp(
      { 'instances.list': lab, 'nodes.list': three, 'operations.list': () => [], 'hardware.detect': () => fixtures.hardware() },
      '#/nodes/worker-1'
    )
    expect(await screen.findByRole('heading', { name: 'worker-1', level: 1 })).toBeTruthy()
    expect(await screen.findByText('00:1a:2b:3c:4d:61')).toBeTruthy()
    await user.click(screen.getByRole('tab', { name: 'Hardware' }))
    await user.click(await screen.findByRole('button', { name: 'Detect hardware' }))
    const disks = await screen.findByRole('table', { name: 'Disks' })
    expect(wild.callsOf('hardware.detect')).toEqual([{ instance: 'home-lab', ip: '192.168.1.120' }])
    const usb = within(disks).getByRole('row', { name: /\/dev\/sdb/ })
    expect(usb.textContent).toMatch(/booted from this/)
    expect(within(disks).getByRole('row', { name: /nvme0n1/ }).textContent).toMatch(/suggested/)
    expect(screen.getByText(/the USB stick is what the machine booted from/)).toBeTruthy()
    const nics = screen.getByRole('table', { name: 'Network interfaces' })
    expect(within(nics).getAllByRole('row')).toHaveLength(3)
    await user.click(screen.getByRole('button', { name: /Show 1 virtual interface/ }))
    expect(within(nics).getAllByRole('row')).toHaveLength(4)
    expect(screen.getByText(/Intel N100/)).toBeTruthy()
  })

  it('explains when the machine cannot be reached', async () => {
    await renderApp(
      {
        'instances.list': lab,
        'nodes.list': three,
        'operations.list': () => [],
        'hardware.detect': () => {
          throw new FakeError('NODE_UNREACHABLE', '192.168.1.120 did not answer on port 50000.')
        }
      },
      '#/nodes/worker-1/hardware'
    )
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/did not answer/)
    expect(alert.textContent).toMatch(/powered on/)
  })

  it('shows the running setup of the node with its steps', async () => {
    await renderApp(
      {
        'instances.list': lab,
        'nodes.list': three,
        'operations.list': () => [
          fixtures.operation({
            id: 'op_setup_1',
            type: 'setup',
            target: 'cp-2',
            currentStep: 'Wait for reboot',
            steps: [],
            bytesDone: null,
            bytesTotal: null,
            bytesPerSecond: null,
            progress: 60
          })
        ]
      },
      '#/nodes/cp-2'
    )
    const card = await screen.findByRole('article', { name: 'Set up cp-2' })
    expect(within(card).getByText('Wait for reboot')).toBeTruthy()
  })

  it('shows the configuration patch', async () => {
    const { user } = await renderApp(
      {
        'instances.list': lab,
        'nodes.list': three,
        'operations.list': () => [],
        'nodes.patch.preview': ({ hostname }) => ({ hostname, path: '/data/home-lab/patch/cp-1.yaml', yaml: 'machine:\n  network:\n    hostname: cp-1\n' })
      },
      '#/nodes/cp-1'
    )
    await user.click(await screen.findByRole('tab', { name: 'Configuration' }))
    expect((await screen.findByLabelText('Configuration patch for cp-1')).textContent).toMatch(/hostname: cp-1/)
  })

  it('says so when the node does not exist', async () => {
    await renderApp({ 'instances.list': lab, 'nodes.list': three, 'operations.list': () => [] }, '#/nodes/ghost')
    expect(await screen.findByRole('heading', { name: 'No node named ghost' })).toBeTruthy()
  })
})
