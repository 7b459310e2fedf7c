import type { Operation } from '../../shared/contract/operations'
import type { KubernetesDryRun } from '../../shared/contract/upgrade'
import { AppError } from '../../shared/errors'
import type { ConfigService } from '../config/config-service'
import type { EtcdService } from '../etcd/etcd'
import { chooseSnapshotSource } from '../etcd/etcd'
import type { NodeService } from '../nodes/nodes'
import type { OperationsService } from '../operations/types'
import type { UpgradeCalls } from './talos-calls'

/**
 * Kubernetes upgrades through `talosctl upgrade-k8s` against one control plane (it upgrades the
 * whole cluster). The dry run is a plain call whose lines the operator reads first; the real run
 * is an operation with an etcd snapshot before it, every line in its log, and the recorded
 * Kubernetes version changed only after it succeeded.
 */

export interface KubernetesUpgradeDeps {
  config: ConfigService
  nodes: NodeService
  calls: UpgradeCalls
  etcd: EtcdService
  operations: OperationsService
  talosconfigOf(instance: string): Promise<string>
}

export const K8S_STEPS = ['etcd snapshot', 'upgrade-k8s', 'record versions']

const bare = (v: string) => v.replace(/^v/, '')

export function createKubernetesUpgrade(deps: KubernetesUpgradeDeps) {
  async function prepare(instance: string, version: string) {
    const talosconfig = await deps.talosconfigOf(instance)
    const settings = await deps.config.settings(instance)
    const cp = chooseSnapshotSource(await deps.nodes.records(instance))
    const to = bare(version)
    if (to === bare(settings.kubernetesVersion)) {
      throw new AppError('VALIDATION', `The cluster already runs Kubernetes ${to}. Pick a newer version.`)
    }
    return { call: { ip: cp.ip, talosconfig }, cp, from: bare(settings.kubernetesVersion), to }
  }

  async function kubernetesDryRun(instance: string, version: string, signal?: AbortSignal): Promise<KubernetesDryRun> {
    const p = await prepare(instance, version)
    const lines = await deps.calls.upgradeK8s({ ...p.call, to: p.to, dryRun: true }, { signal })
    return { from: p.from, to: p.to, node: p.cp.name, lines }
  }

  async function kubernetes(instance: string, version: string): Promise<Operation> {
    const p = await prepare(instance, version)
    return deps.operations.start({ type: 'kubernetes-upgrade', instance, target: `Kubernetes → ${p.to}`, steps: [...K8S_STEPS] }, async (op) => {
      await op.step('etcd snapshot', async () => {
        const meta = await deps.etcd.snapshotWithin(instance, op)
        op.log(`etcd snapshot saved (${meta.sizeBytes} bytes from ${meta.node})`)
      })
      await op.step('upgrade-k8s', async () => {
        op.message(`Upgrading Kubernetes ${p.from} → ${p.to} through ${p.cp.name}…`)
        try {
          await deps.calls.upgradeK8s(
            { ...p.call, to: p.to, dryRun: false },
            {
              signal: op.signal,
              onLine: (_s, line) => {
                if (!line.trim()) return
                op.log(line)
                // The component lines are the milestones the operator follows.
                if (/^updating /.test(line)) op.message(line.trim())
              }
            }
          )
        } catch (e) {
          if (!(e instanceof AppError)) throw e
          throw new AppError(
            e.code,
            `${e.message} upgrade-k8s can be run again safely: it continues from where it stopped (wild cluster upgrade --kubernetes-version ${p.to}).`,
            e.details
          )
        }
      })
      await op.step('record versions', () => deps.config.updateSettings(instance, { kubernetesVersion: p.to }))
      op.progress(100)
      op.message(`The cluster runs Kubernetes ${p.to}.`)
    })
  }

  return { kubernetesDryRun, kubernetes }
}
