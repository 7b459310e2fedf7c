import type { LabFile, Machine } from '../model'
import { clusterBootstrapped } from '../resources/catalog'
import { updateLab } from '../state'
import { args, type Command } from './command'
import { secureClient } from './connect'
import type { CommandContext } from './context'
import { RpcError, TalosctlError } from './errors'
import { release } from './versions'

/**
 * `talosctl upgrade-k8s --to V [--dry-run]` against one control plane, as the Talos
 * "Upgrading Kubernetes" guide shows it: the lowest version found, the control planes and workers
 * discovered, then per component and node "starting update" / "update X: vA -> B" and either
 * "skipped in dry-run" or the patch and wait lines, then the bootstrap manifests. A dry run
 * changes nothing; the real run records the new version on every machine of the cluster.
 */

const COMPONENTS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const
const MANIFESTS = ['Secret bootstrap-token', 'ClusterRoleBinding system-bootstrap-approve-node-client-csr', 'ServiceAccount coredns', 'Deployment coredns']

/** What a machine runs now: the last upgrade-k8s, else the kubelet image of its config. */
export function kubernetesOf(m: Machine): string {
  if (m.kubernetesVersion) return m.kubernetesVersion
  const tag = /kubelet:v(\d+\.\d+\.\d+)/.exec(m.config ?? '')
  return tag ? tag[1]! : release(m.talosVersion).kubernetes
}

function parts(v: string): [number, number, number] {
  const [a, b, c] = v
    .replace(/^v/, '')
    .split('.')
    .map((x) => Number.parseInt(x, 10))
  return [a ?? 0, b ?? 0, c ?? 0]
}

function lowest(versions: string[]): string {
  return [...versions].sort((x, y) => {
    const [a, b] = [parts(x), parts(y)]
    return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]
  })[0]!
}

/** One minor at a time, never down (Talos's upgrade path check). */
function checkPath(from: string, to: string): void {
  const [a, b] = [parts(from), parts(to)]
  const minorStep = (b[0] - a[0]) * 100 + (b[1] - a[1])
  const down = minorStep < 0 || (minorStep === 0 && b[2] < a[2])
  if (down || minorStep > 1) {
    throw new TalosctlError(`unsupported upgrade path ${a[0]}.${a[1]}->${b[0]}.${b[1]} (from "${from}" to "${to}")`)
  }
}

function clusterOf(lab: LabFile, m: Machine): Machine[] {
  return lab.machines.filter((x) => x.configured && x.cluster?.ca === m.cluster?.ca)
}

async function run(ctx: CommandContext): Promise<void> {
  const dry = ctx.bool('dry-run')
  const client = await secureClient(ctx)
  let m: Machine
  try {
    const t = await client.reach(client.nodes[0]!)
    m = t.view.machine
    // Not taken from a real capture: the command needs the control plane's Kubernetes API.
    if (m.role !== 'controlplane' || !clusterBootstrapped(m, ctx.lab) || t.view.stage !== 'running') {
      throw new RpcError('rpc error: code = FailedPrecondition desc = upgrade-k8s must be run against a running control plane node of a bootstrapped cluster')
    }
  } catch (e) {
    if (e instanceof RpcError) throw new TalosctlError(`error reading cluster: ${e.message}`)
    throw e
  }
  const machines = clusterOf(ctx.lab, m)
  const from = ctx.str('from') || lowest(machines.map(kubernetesOf))
  const to = (ctx.str('to') || release(ctx.lab.clientVersion).kubernetes).replace(/^v/, '')
  if (!ctx.str('from')) ctx.out(`automatically detected the lowest Kubernetes version ${from}\n`)
  checkPath(from, to)
  ctx.out(`checking for resource APIs to be deprecated in version ${to}\n`)
  const ips = (role: string) => machines.filter((x) => x.role === role).map((x) => x.ip)
  const quoted = (list: string[]) => list.map((ip) => JSON.stringify(ip)).join(' ')
  ctx.out(`discovered controlplane nodes [${quoted(ips('controlplane'))}]\n`)
  ctx.out(`discovered worker nodes [${quoted(ips('worker'))}]\n`)
  const pause = () => ctx.sleep(ctx.lab.timing.healthStepMs)
  const update = async (what: string, nodes: string[], waitLine: string) => {
    for (const ip of nodes) {
      ctx.out(` > ${JSON.stringify(ip)}: starting update\n`)
      ctx.out(` > update ${what}: v${from} -> ${to}\n`)
      if (dry) {
        ctx.out(' > skipped in dry-run\n')
        continue
      }
      ctx.out(` > ${JSON.stringify(ip)}: machine configuration patched\n`)
      ctx.out(` > ${JSON.stringify(ip)}: ${waitLine}\n`)
      await pause()
      ctx.out(` < ${JSON.stringify(ip)}: successfully updated\n`)
    }
  }
  for (const c of COMPONENTS) {
    ctx.out(`updating ${JSON.stringify(c)} to version ${JSON.stringify(to)}\n`)
    await update(c, ips('controlplane'), 'waiting for API server state pod update')
  }
  ctx.out(`updating daemonset "kube-proxy" to version ${JSON.stringify(to)}\n`)
  if (dry) ctx.out('skipped in dry-run\n')
  ctx.out(`updating kubelet to version ${JSON.stringify(to)}\n`)
  await update(
    'kubelet',
    machines.map((x) => x.ip),
    'waiting for kubelet restart'
  )
  ctx.out('updating manifests\n')
  for (const manifest of MANIFESTS) {
    ctx.out(` > apply manifest ${manifest}\n`)
    ctx.out(dry ? ' > apply skipped in dry run\n' : ' < apply manifest unchanged\n')
  }
  if (dry) return
  await updateLab(ctx.labFile!, (lab) => {
    for (const x of lab.machines) if (x.configured && x.cluster?.ca === m.cluster?.ca) x.kubernetesVersion = to
  })
}

export const upgradeK8sCommand: Command = {
  path: ['upgrade-k8s'],
  use: 'upgrade-k8s',
  args: args.none,
  flags: [
    { name: 'to', kind: 'string', help: 'the Kubernetes control plane version to upgrade to' },
    { name: 'from', kind: 'string', help: 'the Kubernetes control plane version to upgrade from' },
    { name: 'dry-run', kind: 'bool', help: 'skip the actual upgrade and show the upgrade plan instead' },
    { name: 'endpoint', kind: 'string', help: 'the cluster control plane endpoint' },
    { name: 'upgrade-kubelet', kind: 'bool', default: true, help: 'upgrade kubelet service' },
    { name: 'pre-pull-images', kind: 'bool', default: true, help: 'pre-pull images before upgrade' }
  ],
  run
}
