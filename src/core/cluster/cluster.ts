import { join } from 'node:path'
import type { KubeconfigMergeResult } from '../../shared/contract/cluster'
import type { Operation } from '../../shared/contract/operations'
import { AppError } from '../../shared/errors'
import { NodeHostname } from '../../shared/schemas/fields'
import type { ConfigService } from '../config/config-service'
import { withLock } from '../config/lock'
import { pathExists } from '../fs-safe'
import type { NodeService } from '../nodes/nodes'
import { parseOr } from '../nodes/nodes'
import type { OperationsService } from '../operations/types'
import { instancePaths } from '../paths'
import type { TalosApi } from '../talos/talos-api'
import { BOOTSTRAP_STEPS, runBootstrap, runHealth } from './bootstrap'
import { chooseBootstrapNode } from './bootstrap-plan'
import { ensureClusterConfig } from './cluster-config'
import { HEALTH_STEPS } from './health-steps'
import { defaultKubeconfigTarget, fetchKubeconfig, mergeKubeconfigInto, readKubeconfig } from './kubeconfig'
import { createHardwareCache } from '../nodes/hardware-cache'
import { baseConfig, patchText, readBaseFacts } from './node-config'
import { runSetup, type SetupDeps } from './setup'
import { SETUP_STEPS } from './setup-plan'
import { timingWith, type LifecycleTiming } from './timing'
import { allowWorkloads } from './workloads'

export interface ClusterServiceDeps {
  dataDir: string
  config: ConfigService
  nodes: NodeService
  talos: TalosApi
  operations: OperationsService
  timing?: Partial<LifecycleTiming>
  /** A node's saved board choice (arch, overlay), checked by setup before it applies. */
  boardChoice?: SetupDeps['boardChoice']
  /** Where "merge kubeconfig" writes; defaults to $KUBECONFIG's first entry or ~/.kube/config. */
  kubeconfigTarget?: string
}

export type ClusterService = ReturnType<typeof createClusterService>

/**
 * Cluster lifecycle: machine configs, setup and bootstrap as tracked operations, health,
 * kubeconfig. Long jobs start and return their operation at once; the op carries the outcome.
 */
export function createClusterService(deps: ClusterServiceDeps) {
  const timing = timingWith(deps.timing)
  const paths = (instance: string) => instancePaths(deps.dataDir, instance)
  // One job per node (setup) or per cluster (bootstrap, health) at a time in this process; a
  // lock file inside the job covers other processes.
  const running = new Set<string>()

  function claim(key: string, what: string): () => void {
    if (running.has(key)) throw new AppError('BUSY', `${what} is already running. Follow it in the operations list, or cancel it first.`)
    running.add(key)
    return () => running.delete(key)
  }

  async function startExclusive(
    key: string,
    what: string,
    lockFile: string,
    start: (wrap: <T>(job: () => Promise<T>) => Promise<T>) => Promise<Operation>
  ): Promise<Operation> {
    const release = claim(key, what)
    try {
      return await start(async (job) => {
        try {
          return await withLock(lockFile, job, { waitMs: 0, what })
        } finally {
          release()
        }
      })
    } catch (e) {
      release()
      throw e
    }
  }

  async function setup(instance: string, hostname: string): Promise<Operation> {
    const h = parseOr(NodeHostname, hostname, 'hostname')
    await deps.nodes.record(instance, h)
    const p = paths(instance)
    return startExclusive(`${instance}/setup/${h}`, `Setup of ${h}`, join(p.root, `.wild-setup-${h}.lock`), (wrap) =>
      deps.operations.start({ type: 'setup', instance, target: h, steps: [...SETUP_STEPS] }, (op) =>
        wrap(() =>
          runSetup(
            {
              talos: deps.talos,
              nodes: deps.nodes,
              settings: deps.config.settings,
              updateSettings: deps.config.updateSettings,
              paths,
              timing,
              operations: (i) => deps.operations.list(i),
              boardChoice: deps.boardChoice
            },
            instance,
            h,
            op
          )
        )
      )
    )
  }

  async function bootstrap(instance: string, hostname?: string): Promise<Operation> {
    const h = hostname === undefined ? undefined : parseOr(NodeHostname, hostname, 'hostname')
    const nodes = await deps.nodes.records(instance)
    const node = chooseBootstrapNode(nodes, h)
    const settings = await deps.config.settings(instance)
    const p = paths(instance)
    if (!(await pathExists(p.talosconfig))) {
      throw new AppError('NOT_FOUND', 'This instance has no talosconfig yet. Set up a control-plane node first.')
    }
    return startExclusive(`${instance}/cluster`, 'A bootstrap or health check of this cluster', join(p.root, '.wild-cluster.lock'), (wrap) =>
      deps.operations.start({ type: 'bootstrap', instance, target: node.hostname, steps: BOOTSTRAP_STEPS }, (op) =>
        wrap(() =>
          runBootstrap(
            {
              talos: deps.talos,
              paths,
              timing,
              recordBootstrapped: (i, host) => deps.config.recordBootstrapped(i, host)
            },
            { instance, node, nodes, settings },
            op
          )
        )
      )
    )
  }

  async function health(instance: string, o: { waitTimeoutSeconds?: number } = {}): Promise<Operation> {
    const nodes = await deps.nodes.records(instance)
    const node = chooseBootstrapNode(nodes)
    const p = paths(instance)
    const timeoutMs = o.waitTimeoutSeconds ? o.waitTimeoutSeconds * 1000 : timing.healthTimeoutMs
    return startExclusive(`${instance}/cluster`, 'A bootstrap or health check of this cluster', join(p.root, '.wild-cluster.lock'), (wrap) =>
      deps.operations.start({ type: 'health', instance, target: node.hostname, steps: HEALTH_STEPS }, (op) =>
        wrap(() => runHealth(deps.talos, p, node.targetIp!, nodes, timeoutMs, op))
      )
    )
  }

  /** The patch setup would write, for the review screen; nothing is written. */
  async function previewPatch(instance: string, hostname: string): Promise<{ hostname: string; path: string; yaml: string }> {
    const n = await deps.nodes.record(instance, parseOr(NodeHostname, hostname, 'hostname'))
    const s = await deps.config.settings(instance)
    // The version detection last saw on the machine; the review matches what setup will send.
    const detected = n.mac ? await createHardwareCache(paths(instance).root).byMac(n.mac) : null
    const base = await readBaseFacts(baseConfig(paths(instance), n.role), s.talosVersion)
    const yaml = patchText(n, s, detected?.talosVersion ?? null, base)
    return { hostname: n.hostname, path: paths(instance).patchFor(n.mac!), yaml }
  }

  async function generateConfig(instance: string, signal?: AbortSignal) {
    return ensureClusterConfig(deps.talos, paths(instance), await deps.config.settings(instance), { signal })
  }

  async function kubeconfig(instance: string, o: { refresh?: boolean; signal?: AbortSignal } = {}) {
    const p = paths(instance)
    if (o.refresh) {
      const node = chooseBootstrapNode(await deps.nodes.records(instance))
      await fetchKubeconfig(deps.talos, p, node.targetIp!, { signal: o.signal })
    }
    return readKubeconfig(p)
  }

  async function mergeKubeconfig(instance: string, o: { target?: string; setCurrentContext?: boolean } = {}): Promise<KubeconfigMergeResult> {
    const target = o.target ?? deps.kubeconfigTarget ?? defaultKubeconfigTarget()
    return mergeKubeconfigInto(paths(instance), target, { setCurrentContext: o.setCurrentContext ?? true })
  }

  const allowWorkloadsOn = (instance: string) => allowWorkloads({ nodes: deps.nodes, updateSettings: deps.config.updateSettings, setup }, instance)

  return { setup, bootstrap, health, previewPatch, generateConfig, kubeconfig, mergeKubeconfig, allowWorkloads: allowWorkloadsOn, timing }
}
