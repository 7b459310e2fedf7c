import { promises as fs } from 'node:fs'
import type { ClusterSettings } from '../../shared/contract/cluster'
import { AppError } from '../../shared/errors'
import type { NodeRecord } from '../nodes/model'
import type { OperationHandle } from '../operations/types'
import type { InstancePaths } from '../paths'
import type { TalosApi } from '../talos/talos-api'
import { SECRET_FILE_MODE } from '../fs-safe'
import { bootstrapOutcome, controlPlaneEndpoints, healthNodes } from './bootstrap-plan'
import { HEALTH_STEPS, runHealthAsSteps } from './health-steps'
import { fetchKubeconfig } from './kubeconfig'
import { probeMachine } from './probe'
import type { LifecycleTiming } from './timing'
import { formatDuration, pollUntil } from './wait'

export type BootstrapTalos = Pick<TalosApi, 'machineStatus' | 'version' | 'configEndpoint' | 'configNode' | 'bootstrap' | 'health' | 'kubeconfig'>

export const BOOTSTRAP_STEPS = ['Check the node', 'Point talosconfig at the control plane', 'Bootstrap etcd', ...HEALTH_STEPS, 'Fetch kubeconfig']

export interface BootstrapDeps {
  talos: BootstrapTalos
  paths: (instance: string) => InstancePaths
  timing: LifecycleTiming
  /** Records that bootstrap happened (cluster.bootstrap in config.yaml). */
  recordBootstrapped: (instance: string, hostname: string) => Promise<void>
}

export interface BootstrapInput {
  instance: string
  node: NodeRecord
  nodes: NodeRecord[]
  settings: ClusterSettings
}

/** Runs `talosctl health` as steps against a control-plane node. */
export async function runHealth(
  talos: Pick<TalosApi, 'health'>,
  p: InstancePaths,
  node: string,
  nodes: NodeRecord[],
  timeoutMs: number,
  op: OperationHandle
): Promise<void> {
  const { controlPlane, workers } = healthNodes(nodes)
  await runHealthAsSteps(op, (onProgress) =>
    talos.health(
      {
        target: { node, talosconfig: p.talosconfig },
        controlPlaneNodes: controlPlane,
        workerNodes: workers,
        waitTimeoutMs: timeoutMs
      },
      { signal: op.signal, onProgress }
    )
  )
}

/**
 * Bootstrap as an operation (type 'bootstrap'): talosconfig endpoints → bootstrap once (quiet
 * retries while the node is not ready; AlreadyExists counts as done) → health, one step per
 * check → kubeconfig into the instance, 0600.
 */
export async function runBootstrap(d: BootstrapDeps, input: BootstrapInput, op: OperationHandle): Promise<void> {
  const { instance, node, nodes, settings } = input
  const p = d.paths(instance)
  const ip = node.targetIp!

  await op.step('Check the node', async () => {
    const a = await probeMachine(d.talos, ip, p.talosconfig, {
      signal: op.signal,
      timeoutMs: d.timing.probeTimeoutMs,
      expectOurs: true
    })
    if (a.kind !== 'ours') {
      const why = a.kind === 'unreachable' ? 'does not answer' : a.kind === 'maintenance' ? 'is in maintenance mode' : "refuses this cluster's credentials"
      throw new AppError(
        a.kind === 'unreachable' ? 'NODE_UNREACHABLE' : 'CONFLICT',
        `${node.hostname} ${why} at ${ip}. Bootstrap needs it set up and running: run setup for it, then bootstrap again.`
      )
    }
    op.log(`${node.hostname} answers at ${ip} with this cluster's credentials (Talos ${a.version ?? 'unknown'}).`)
  })

  await op.step('Point talosconfig at the control plane', async () => {
    const endpoints = controlPlaneEndpoints(nodes, node)
    await d.talos.configEndpoint(p.talosconfig, endpoints, { signal: op.signal })
    await d.talos.configNode(p.talosconfig, [ip], { signal: op.signal })
    await fs.chmod(p.talosconfig, SECRET_FILE_MODE)
    op.log(`talosconfig endpoints: ${endpoints.join(', ')}; node: ${ip}.`)
  })

  if (settings.bootstrapped) {
    const b = settings.bootstrapped
    op.skip('Bootstrap etcd', `Already bootstrapped on ${b.node} at ${b.at}: a cluster is bootstrapped exactly once.`)
    op.log(`The cluster was bootstrapped on ${b.node} at ${b.at}; not bootstrapping again.`)
  } else {
    await op.step('Bootstrap etcd', async () => {
      const started = Date.now()
      await pollUntil(
        async () => {
          try {
            await d.talos.bootstrap({ node: ip, talosconfig: p.talosconfig }, { signal: op.signal })
            op.log(`Bootstrapped etcd on ${node.hostname}.`)
            return true
          } catch (e) {
            const outcome = bootstrapOutcome(e)
            if (outcome === 'done') {
              op.log(`Notice: the cluster on ${node.hostname} was already bootstrapped (etcd holds data). Carrying on.`)
              return true
            }
            if (outcome === 'fail') throw e
            op.message(`${node.hostname} is not ready to bootstrap yet; retrying… (${formatDuration(Date.now() - started)})`)
            return undefined
          }
        },
        {
          intervalMs: d.timing.pollMs,
          timeoutMs: d.timing.bootstrapRetryMs,
          signal: op.signal,
          onTimeout: (ms) =>
            new AppError(
              'TIMEOUT',
              `${node.hostname} was still not ready to bootstrap after ${formatDuration(ms)} ` +
                `("time is not in sync" or "bootstrap is not available yet"). Check its clock and network (NTP), then bootstrap again.`
            )
        }
      )
      await d.recordBootstrapped(instance, node.hostname)
    })
  }

  await runHealth(d.talos, p, ip, nodes, d.timing.healthTimeoutMs, op)

  await op.step('Fetch kubeconfig', async () => {
    await pollUntil(
      async () => {
        try {
          return await fetchKubeconfig(d.talos, p, ip, { signal: op.signal })
        } catch (e) {
          if (e instanceof AppError && (e.code === 'NODE_UNREACHABLE' || e.code === 'TIMEOUT')) return undefined
          throw e
        }
      },
      {
        intervalMs: d.timing.pollMs,
        timeoutMs: d.timing.bootstrapRetryMs,
        signal: op.signal,
        onTimeout: () => new AppError('NODE_UNREACHABLE', `Could not fetch the kubeconfig from ${ip}. Try: wild cluster kubeconfig --refresh`)
      }
    )
    op.log(`Saved the kubeconfig to ${p.kubeconfig}. Try: kubectl --kubeconfig ${p.kubeconfig} get nodes`)
  })
  op.message(`The cluster is up. kubeconfig: ${p.kubeconfig}`)
}
