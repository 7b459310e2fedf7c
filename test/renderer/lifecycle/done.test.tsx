import { act, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Node } from '@shared/contract/nodes'
import type { Operation } from '@shared/contract/operations'
import { fixtures, type FakeHandlers } from '../fake-wild'
import { renderApp } from '../render'

const running = (allow: boolean) => ({
  ...fixtures.cluster({ vip: '192.168.1.50', network: { subnet: '192.168.1.0/24', gateway: '192.168.1.1', dnsServers: [] } }),
  bootstrapped: { node: 'cp-1', at: new Date().toISOString() },
  allowSchedulingOnControlPlanes: allow
})
const cp = fixtures.node({ state: 'ready', deployed: true, targetIp: '192.168.1.51' })

function world(o: { allow?: boolean; nodes?: Node[]; ops?: Operation[] } = {}) {
  let nodes = o.nodes ?? [cp]
  const h: FakeHandlers = {
    'instances.list': () => [fixtures.instance('home-lab')],
    'cluster.settings.get': () => running(o.allow ?? false),
    'nodes.list': () => nodes,
    'operations.list': () => o.ops ?? [],
    'cluster.kubeconfig': () => ({ path: '/data/instances/home-lab/kubeconfig', content: 'apiVersion: v1' }),
    'cluster.health': () => ({ operationId: 'op_health_2' }),
    'cluster.allowWorkloads': () => ({ operationIds: ['op_setup_9'] }),
    'discovery.suggest': () => [],
    'discovery.status': () => fixtures.discovery(),
    'assets.list': () => []
  }
  return { h, setNodes: (n: Node[]) => (nodes = n) }
}

const check = (name: string, status: string) => ({ name: `Check: ${name}`, status, startedAt: null, endedAt: null, message: null })
function healthOp(minutesAgo: number, failing = false): Operation {
  const ended = new Date(Date.now() - minutesAgo * 60_000).toISOString()
  return fixtures.operation({
    id: 'op_health_1',
    type: 'health',
    target: 'home',
    status: failing ? 'failed' : 'completed',
    startedAt: ended,
    endedAt: ended,
    bytesDone: null,
    error: failing ? { code: 'TIMEOUT', message: 'waiting for all k8s nodes to report ready' } : null,
    failedStep: failing ? 'Check: all k8s nodes to report ready' : null,
    steps: [
      check('etcd to be healthy', 'completed'),
      check('kube-apiserver to report healthy', 'completed'),
      check('all k8s nodes to report ready', failing ? 'failed' : 'completed'),
      check('nodes to report Kubernetes version', 'skipped')
    ] as Operation['steps']
  })
}

describe('Done tells the truth about scheduling and health', () => {
  it('one control plane, no worker, scheduling off: no workload can run yet, and two ways out', async () => {
    const { user, wild } = await renderApp(world().h, '#/setup')
    const note = await screen.findByRole('region', { name: 'No workload can run yet' })
    expect(note.textContent).toMatch(/one control plane and no worker/)
    await user.click(within(note).getByRole('button', { name: 'Allow workloads on cp-1' }))
    await waitFor(() => expect(wild.callsOf('cluster.allowWorkloads')).toEqual([{ instance: 'home-lab' }]))
    await user.click(within(note).getByRole('button', { name: 'Add a worker' }))
    expect(await screen.findByRole('heading', { name: 'Set up: Find the machine', level: 1 })).toBeTruthy()
  })

  it('says nothing of the kind once workloads are allowed or a worker is ready', async () => {
    await renderApp(world({ allow: true }).h, '#/setup')
    await screen.findByRole('heading', { name: 'Set up: Done', level: 1 })
    expect(screen.queryByRole('region', { name: 'No workload can run yet' })).toBeNull()
  })

  it('health is a summary in plain words, the raw checks one click away', async () => {
    const { user } = await renderApp(world({ allow: true, ops: [healthOp(2, true)] }).h, '#/setup')
    const summary = await screen.findByRole('status', { name: 'Health summary' })
    expect(summary.textContent).toMatch(/2 of 3 checks pass/)
    expect(summary.textContent).toMatch(/checked 2 min ago/)
    expect(summary.textContent).toMatch(/all k8s nodes to report ready/)
    expect(screen.queryByRole('list', { name: /Steps of Health check/ })).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Show the talosctl checks' }))
    expect(screen.getByRole('list', { name: /Steps of Health check/ })).toBeTruthy()
  })

  it('checks health again by itself when a node joins', async () => {
    const w = world({ allow: true, ops: [healthOp(5)] })
    const { wild } = await renderApp(w.h, '#/setup')
    expect((await screen.findByRole('status', { name: 'Health summary' })).textContent).toMatch(/All 3 checks pass/)
    expect(wild.callsOf('cluster.health')).toEqual([])
    w.setNodes([cp, fixtures.node({ hostname: 'w-1', role: 'worker', state: 'ready', deployed: true, targetIp: '192.168.1.61' })])
    await act(async () => wild.emit('nodes.changed', { instance: 'home-lab' }))
    await waitFor(() => expect(wild.callsOf('cluster.health')).toEqual([{ instance: 'home-lab' }]))
  })
})
