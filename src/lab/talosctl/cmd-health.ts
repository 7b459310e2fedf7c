import type { LabFile, Machine } from '../model'
import { clusterBootstrapped } from '../resources/catalog'
import { viewMachine } from '../stage'
import { args, type Command } from './command'
import { secureClient } from './connect'
import type { CommandContext } from './context'
import { RpcError, TalosctlError, dialError } from './errors'

/**
 * `talosctl health` (reference talos.md §6): stderr lines "waiting for <condition>: ..." then
 * "…: OK", one condition after another, each after a short pause; a failing condition prints
 * its error once (a line is re-sent only when it changes) and is polled until it passes or the
 * wait times out ("healthcheck error: …", exit 1). The lab caps the wait at timing.waitCapMs.
 */

const CONDITIONS = [
  'etcd to be healthy',
  'etcd members to be consistent across nodes',
  'etcd members to be control plane nodes',
  'apid to be ready',
  'all nodes memory sizes',
  'all nodes disk sizes',
  'no diagnostics',
  'kubelet to be healthy',
  'all nodes to finish boot sequence',
  'all k8s nodes to report',
  'all control plane static pods to be running',
  'all control plane components to be ready',
  'all k8s nodes to report ready',
  'kube-proxy to report ready',
  'coredns to report ready',
  'all k8s nodes to report schedulable'
]

export function parseDuration(text: string): number {
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 }
  let total = 0
  const re = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/g
  let matched = ''
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * units[m[2]!]!
    matched += m[0]
  }
  if (matched !== text) throw new TalosctlError(`invalid argument "${text}" for "--wait-timeout" flag: time: invalid duration "${text}"`)
  return total
}

function members(lab: LabFile, ca: string): Machine[] {
  return lab.machines.filter((m) => m.configured && m.cluster?.ca === ca)
}

/** Why a condition does not hold yet, or undefined when it does. */
function problem(condition: string, lab: LabFile, self: Machine): string | undefined {
  const cluster = members(lab, self.cluster!.ca)
  const firstCp = cluster.find((m) => m.role === 'controlplane') ?? self
  if (condition.startsWith('etcd') && !clusterBootstrapped(self, lab)) {
    return `${firstCp.ip}: service "etcd" not in expected state "Running": current state [Preparing] Running pre state`
  }
  if (condition === 'apid to be ready' || condition === 'all nodes to finish boot sequence') {
    for (const m of cluster) {
      const v = viewMachine(m, Date.now(), lab.timing)
      if (v.answersAt === null) return `${m.ip}: ${dialError(m.ip, 'no-route').message}`
      if (v.stage !== 'running' && condition.includes('boot')) return `node ${m.ip} is not ready: stage ${v.stage}`
    }
  }
  return undefined
}

async function run(ctx: CommandContext): Promise<void> {
  const deadline = Date.now() + Math.min(parseDuration(ctx.str('wait-timeout')), ctx.lab.timing.waitCapMs)
  let self: Machine
  try {
    const client = await secureClient(ctx)
    self = (await client.reach(client.nodes[0]!)).view.machine
  } catch (e) {
    if (e instanceof RpcError) throw new TalosctlError(`healthcheck error: ${e.message}`)
    throw e
  }
  const step = ctx.lab.timing.healthStepMs
  const explicit = [...ctx.list('control-plane-nodes'), ...ctx.list('worker-nodes')]
  if (explicit.length === 0) {
    const ips = members(ctx.lab, self.cluster!.ca).map((m) => JSON.stringify(m.ip))
    ctx.err(`discovered nodes: [${ips.join(' ')}]\n`)
  }
  for (const condition of CONDITIONS) {
    ctx.err(`waiting for ${condition}: ...\n`)
    let last = '...'
    for (;;) {
      await ctx.sleep(step)
      const lab = await ctx.reloadLab()
      const now = lab.machines.find((m) => m.id === self.id) ?? self
      const why = problem(condition, lab, now)
      if (!why) break
      if (why !== last) ctx.err(`waiting for ${condition}: ${why}\n`)
      last = why
      if (Date.now() >= deadline) {
        throw new TalosctlError('healthcheck error: rpc error: code = DeadlineExceeded desc = context deadline exceeded')
      }
    }
    ctx.err(`waiting for ${condition}: OK\n`)
  }
}

export const healthCommand: Command = {
  path: ['health'],
  use: 'health',
  args: args.none,
  flags: [
    { name: 'wait-timeout', kind: 'string', default: '20m0s', help: 'timeout to wait for the cluster to be ready' },
    { name: 'server', kind: 'bool', default: true, help: 'run server-side check' },
    { name: 'control-plane-nodes', kind: 'slice', help: 'specify IPs of control plane nodes' },
    { name: 'worker-nodes', kind: 'slice', help: 'specify IPs of worker nodes' },
    { name: 'init-node', kind: 'string', help: 'specify IPs of init node' },
    { name: 'k8s-endpoint', kind: 'string', help: 'use endpoint instead of kubeconfig default' },
    { name: 'run-e2e', kind: 'bool', help: 'run Kubernetes e2e test' }
  ],
  run
}
