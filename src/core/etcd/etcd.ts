import type { EtcdSnapshotEntry, EtcdSnapshotMeta } from '../../shared/contract/etcd'
import type { Operation } from '../../shared/contract/operations'
import { AppError } from '../../shared/errors'
import type { ConfigService } from '../config/config-service'
import { pathExists } from '../fs-safe'
import type { NodeRecord } from '../nodes/model'
import type { NodeService } from '../nodes/nodes'
import type { OperationHandle, OperationsService } from '../operations/types'
import { instancePaths } from '../paths'
import type { TalosApi } from '../talos/talos-api'
import { NodeAddress } from '../talos/talos-args'
import { discardSnapshot, finishSnapshot, listSnapshots, prepareSnapshot } from './store'

export interface EtcdServiceDeps {
  dataDir: string
  config: ConfigService
  nodes: NodeService
  talos: TalosApi
  operations: OperationsService
}

export const SNAPSHOT_STEPS = ['snapshot', 'save']

export type EtcdService = ReturnType<typeof createEtcdService>

/** Where to take it from: a named node (hostname or address), else the first set-up control plane. */
export function chooseSnapshotSource(nodes: readonly NodeRecord[], node?: string): { name: string; ip: string } {
  if (node) {
    const rec = nodes.find((n) => n.hostname === node || n.targetIp === node)
    if (rec?.targetIp) return { name: rec.hostname, ip: rec.targetIp }
    if (rec) throw new AppError('VALIDATION', `${rec.hostname} is not set up yet (state: ${rec.state}). Name a set-up control-plane node.`)
    const ip = NodeAddress.safeParse(node)
    if (!ip.success) throw new AppError('NOT_FOUND', `There is no node "${node}". List the nodes with: wild node list`)
    return { name: ip.data, ip: ip.data }
  }
  const cp = nodes.find((n) => n.role === 'controlplane' && n.deployed && n.targetIp)
  if (!cp) throw new AppError('VALIDATION', 'There is no set-up control-plane node to take an etcd snapshot from. Set one up and bootstrap first.')
  return { name: cp.hostname, ip: cp.targetIp! }
}

const NOT_CONTROL_PLANE = /etcd snapshot is only available on control plane nodes/

/** talosctl's refusal of a worker, in the operator's terms (the real text stays in the details). */
function explain(e: unknown, source: { name: string }): unknown {
  if (!(e instanceof AppError)) return e
  const tail = String((e.details as { stderrTail?: string } | undefined)?.stderrTail ?? '')
  if (NOT_CONTROL_PLANE.test(tail) || NOT_CONTROL_PLANE.test(e.message)) {
    return new AppError(
      'VALIDATION',
      `${source.name} refused: "etcd snapshot is only available on control plane nodes". ` +
        `Take the snapshot from a control-plane node: wild etcd snapshot --node <control-plane hostname>`,
      e.details
    )
  }
  return e
}

/**
 * etcd snapshots as operations: talosctl streams the database from one control plane into the
 * instance; only a complete, checked file gets its final name and sidecar. A failure or cancel
 * leaves nothing behind.
 */
export function createEtcdService(deps: EtcdServiceDeps) {
  const paths = (instance: string) => instancePaths(deps.dataDir, instance)

  async function runSnapshot(
    instance: string,
    source: { name: string; ip: string },
    op: Pick<OperationHandle, 'signal' | 'log' | 'message'>,
    step: <T>(name: string, fn: () => Promise<T>) => Promise<T>
  ): Promise<EtcdSnapshotMeta> {
    const p = paths(instance)
    const settings = await deps.config.settings(instance)
    const takenAt = new Date()
    const files = await prepareSnapshot(p.root, takenAt, source.name)
    try {
      await step('snapshot', async () => {
        op.message(`Streaming the etcd database from ${source.name} (${source.ip})…`)
        try {
          const summary = await deps.talos.etcdSnapshot(
            { target: { node: source.ip, talosconfig: p.talosconfig }, path: files.work },
            { signal: op.signal, onLine: (_s, line) => line.trim() && op.log(line) }
          )
          for (const line of summary.split('\n')) if (line.trim()) op.log(line)
        } catch (e) {
          throw explain(e, source)
        }
      })
      const meta = await step('save', () =>
        finishSnapshot(files, {
          takenAt: takenAt.toISOString(),
          node: source.name,
          talosVersion: settings.talosVersion ?? null,
          kubernetesVersion: settings.kubernetesVersion ?? null
        })
      )
      op.message(`Saved ${files.final} (${meta.sizeBytes} bytes).`)
      return meta
    } finally {
      await discardSnapshot(files)
    }
  }

  /** Starts the snapshot operation; the op carries the outcome. */
  async function snapshot(instance: string, o: { node?: string } = {}): Promise<Operation> {
    const source = chooseSnapshotSource(await deps.nodes.records(instance), o.node)
    if (!(await pathExists(paths(instance).talosconfig))) {
      throw new AppError('NOT_FOUND', 'This instance has no talosconfig yet. Set up a control-plane node and bootstrap first.')
    }
    return deps.operations.start({ type: 'etcd-snapshot', instance, target: source.name, steps: [...SNAPSHOT_STEPS] }, (op) =>
      runSnapshot(instance, source, op, op.step)
    )
  }

  /** A snapshot inside another operation (before an upgrade): its lines go to that op's log. */
  async function snapshotWithin(instance: string, op: Pick<OperationHandle, 'signal' | 'log' | 'message'>): Promise<EtcdSnapshotMeta> {
    const source = chooseSnapshotSource(await deps.nodes.records(instance))
    return runSnapshot(instance, source, op, (_name, fn) => fn())
  }

  async function snapshots(instance: string): Promise<EtcdSnapshotEntry[]> {
    return listSnapshots(paths(instance).root)
  }

  return { snapshot, snapshots, snapshotWithin }
}
