import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { Node } from '@shared/contract/nodes'
import type { NodeService } from '@shared/contract/node-ops'
import { FakeError, fixtures, type FakeHandlers } from '../fake-wild'
import { renderApp } from '../render'

/** The node page's services, logs panel (follow, search, copy) and the reboot/shutdown/remove confirmations. */

const lab = () => [fixtures.instance('home-lab')]
const nodes = (): Node[] => [
  fixtures.node({ hostname: 'cp-1', targetIp: '192.168.1.51', currentIp: '192.168.1.51', state: 'ready', configured: true, deployed: true }),
  fixtures.node({
    hostname: 'worker-1',
    role: 'worker',
    targetIp: '192.168.1.61',
    currentIp: '192.168.1.61',
    mac: '00:1a:2b:3c:4d:61',
    state: 'ready',
    configured: true,
    deployed: true
  })
]
const svc = (service: string, state = 'Running', health = 'OK'): NodeService => ({
  service,
  state,
  health,
  lastChange: '5m51s ago',
  lastEvent: 'Health check successful'
})

function handlers(over: FakeHandlers = {}): FakeHandlers {
  return {
    'instances.list': lab,
    'nodes.list': nodes,
    'operations.list': () => [],
    'nodeOps.timeSync': ({ node }) => ({ node, ip: '192.168.1.51', synced: true, epoch: 0, syncDisabled: false }),
    'nodeOps.services': ({ node }) => ({ node, ip: '192.168.1.51', services: [svc('apid'), svc('etcd', 'Preparing', '?'), svc('kubelet')] }),
    'nodeOps.logs': ({ service }) => ({
      lines: service ? [`${service} started`, `${service} ready to serve`] : ['kern:    info: [2025-11-20T10:13:57.1Z]: Linux version 6.12'],
      dropped: 0
    }),
    'nodeOps.follow': () => ({ streamId: 'log_1' }),
    'nodeOps.stopFollow': () => ({ stopped: true }),
    ...over
  }
}

async function openActivity(over: FakeHandlers = {}, node = 'cp-1') {
  const r = await renderApp(handlers(over), `#/nodes/${node}/activity`)
  await screen.findByRole('table', { name: 'Services' })
  return r
}

describe('Services & logs tab', () => {
  it('shows whether the clock is in sync', async () => {
    const { wild } = await openActivity()
    expect((await screen.findByLabelText('Clock', {}, { timeout: 5000 })).textContent).toBe('ClockClock in sync')
    expect(wild.callsOf('nodeOps.timeSync')[0]).toEqual({ instance: 'home-lab', node: 'cp-1' })
  }, 15_000)

  it('says when the clock is not in sync and how often it jumped', async () => {
    await openActivity({ 'nodeOps.timeSync': ({ node }) => ({ node, ip: '192.168.1.61', synced: false, epoch: 2, syncDisabled: false }) }, 'worker-1')
    expect((await screen.findByLabelText('Clock', {}, { timeout: 5000 })).textContent).toMatch(/Clock not in sync yet.*2 times since boot/)
  }, 15_000)

  it('lists the services with their states', async () => {
    await openActivity()
    const row = screen.getByRole('row', { name: /etcd/ })
    expect(row.textContent).toMatch(/Preparing/)
    expect(screen.getByRole('row', { name: /kubelet/ }).textContent).toMatch(/Running.*OK.*5m51s ago.*Health check successful/)
  })

  it('shows the kubelet log first, switches to dmesg, and highlights search matches', async () => {
    const { user, wild } = await openActivity()
    const log = await screen.findByRole('log', { name: 'Log of kubelet' })
    await waitFor(() => expect(log.textContent).toMatch(/kubelet ready to serve/))
    await user.type(screen.getByLabelText('Search the log'), 'READY')
    const marks = log.querySelectorAll('mark')
    expect([...marks].map((m) => m.textContent)).toEqual(['ready'])
    expect(screen.getByText('1 matching line')).toBeTruthy()
    await user.selectOptions(screen.getByLabelText('Log source'), 'Kernel (dmesg)')
    expect((await screen.findByRole('log', { name: 'Kernel messages' })).textContent).toMatch(/Linux version/)
    expect(wild.callsOf('nodeOps.logs').at(-1)).toEqual({ instance: 'home-lab', node: 'cp-1', tail: 500 })
  })

  it('follows: lines from events append; turning follow off stops the stream', async () => {
    const { user, wild } = await openActivity()
    await screen.findByRole('log', { name: 'Log of kubelet' })
    await user.click(screen.getByLabelText('Follow'))
    await waitFor(() => expect(wild.callsOf('nodeOps.follow')).toEqual([{ instance: 'home-lab', node: 'cp-1', service: 'kubelet', tail: 500 }]))
    await screen.findByText('Following…')
    wild.emit('nodeOps.logLines', { streamId: 'log_1', lines: ['line one', 'line two'], dropped: 0 })
    wild.emit('nodeOps.logLines', { streamId: 'other', lines: ['not ours'], dropped: 0 })
    const log = screen.getByRole('log', { name: 'Log of kubelet' })
    await waitFor(() => expect(log.textContent).toMatch(/line one.*line two/s))
    expect(log.textContent).not.toMatch(/not ours/)
    await user.click(screen.getByLabelText('Follow'))
    await waitFor(() => expect(wild.callsOf('nodeOps.stopFollow')).toEqual([{ streamId: 'log_1' }]))
  })

  it('copies the lines shown', async () => {
    // user-event puts its own clipboard in place; read what was written from it.
    const { user } = await openActivity()
    const log = await screen.findByRole('log', { name: 'Log of kubelet' })
    await waitFor(() => expect(log.textContent).toMatch(/ready to serve/))
    await user.click(screen.getByRole('button', { name: 'Copy log of kubelet' }))
    expect(await navigator.clipboard.readText()).toBe('kubelet started\nkubelet ready to serve')
  })

  it('shows a failing log read with its reason', async () => {
    await openActivity({
      'nodeOps.logs': () => {
        throw new FakeError('NODE_UNREACHABLE', 'cp-1 does not answer at 192.168.1.51.')
      }
    })
    expect((await screen.findByRole('alert')).textContent).toMatch(/does not answer/)
  })
})

describe('reboot, shutdown and remove confirmations', () => {
  it('a control plane asks for its hostname typed before a reboot', async () => {
    const reboot = vi.fn(() => ({ operationId: 'op_1' }))
    const { user, wild } = await openActivity({ 'nodeOps.reboot': reboot })
    await user.click(screen.getByRole('button', { name: 'Reboot…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Reboot control plane cp-1?' })
    const go = within(dialog).getByRole('button', { name: 'Reboot' })
    expect((go as HTMLButtonElement).disabled).toBe(true)
    await user.type(within(dialog).getByLabelText('Type cp-1 to confirm'), 'cp-2')
    expect((go as HTMLButtonElement).disabled).toBe(true)
    await user.clear(within(dialog).getByLabelText('Type cp-1 to confirm'))
    await user.type(within(dialog).getByLabelText('Type cp-1 to confirm'), 'cp-1')
    await user.click(go)
    await waitFor(() => expect(wild.callsOf('nodeOps.reboot')).toEqual([{ instance: 'home-lab', node: 'cp-1', confirm: 'cp-1' }]))
  })

  it('a worker shuts down after one confirmation, without typing', async () => {
    const { user, wild } = await openActivity({ 'nodeOps.shutdown': () => ({ operationId: 'op_2' }) }, 'worker-1')
    await user.click(screen.getByRole('button', { name: 'Shut down…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Shut down worker-1?' })
    expect(within(dialog).queryByLabelText(/to confirm/)).toBeNull()
    await user.click(within(dialog).getByRole('button', { name: 'Shut down' }))
    await waitFor(() => expect(wild.callsOf('nodeOps.shutdown')).toEqual([{ instance: 'home-lab', node: 'worker-1' }]))
  })

  it('removing a control plane shows the etcd members and their health', async () => {
    const { user } = await openActivity({
      'nodeOps.etcdMembers': () => ({
        from: 'cp-2',
        members: [
          { id: '01', hostname: 'cp-1', peerUrls: [], clientUrls: [], learner: false, healthy: true },
          { id: '02', hostname: 'cp-2', peerUrls: [], clientUrls: [], learner: false, healthy: true },
          { id: '03', hostname: 'cp-3', peerUrls: [], clientUrls: [], learner: false, healthy: false }
        ]
      }),
      'nodeOps.removeControlPlane': () => {
        throw new FakeError('CONFLICT', 'Removing cp-1 would leave 1 of 2 etcd members healthy, below the 2 needed for quorum (not healthy: cp-3).')
      }
    })
    await user.click(screen.getByRole('button', { name: 'Remove control plane…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Remove control plane cp-1?' })
    const list = await within(dialog).findByRole('list', { name: 'etcd members' })
    expect(list.textContent).toMatch(/cp-1 \(this node\)healthy/)
    expect(list.textContent).toMatch(/cp-3not healthy/)
    fireEvent.change(within(dialog).getByLabelText('Type cp-1 to confirm'), { target: { value: 'cp-1' } })
    await user.click(within(dialog).getByRole('button', { name: 'Remove control plane' }))
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/below the 2 needed for quorum/)
  })
})
