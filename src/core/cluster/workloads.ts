import type { ClusterSettingsUpdate } from '../../shared/contract/cluster'
import type { Operation } from '../../shared/contract/operations'
import { AppError } from '../../shared/errors'
import type { NodeService } from '../nodes/nodes'

export interface WorkloadsDeps {
  nodes: Pick<NodeService, 'records' | 'mark'>
  updateSettings: (instance: string, changes: ClusterSettingsUpdate) => Promise<unknown>
  setup: (instance: string, hostname: string) => Promise<Operation>
}

/**
 * "Allow workloads on this machine": a cluster with no worker and scheduling on control planes
 * off can run nothing. This sets `cluster.allowSchedulingOnControlPlanes` and sends each ready
 * control plane its new configuration through setup, which re-applies in place with the
 * cluster's credentials (no reinstall). The node is marked `added` first: its configuration
 * changed and is not on the machine yet, which is what makes setup apply it again.
 */
export async function allowWorkloads(d: WorkloadsDeps, instance: string): Promise<Operation[]> {
  const cps = (await d.nodes.records(instance)).filter((n) => n.role === 'controlplane' && n.state === 'ready')
  if (cps.length === 0) {
    throw new AppError('NOT_FOUND', 'No control plane is ready yet, so there is no machine to allow workloads on. Set one up first.')
  }
  await d.updateSettings(instance, { allowSchedulingOnControlPlanes: true })
  const ops: Operation[] = []
  for (const n of cps) {
    await d.nodes.mark(instance, n.hostname, { state: 'added' })
    ops.push(await d.setup(instance, n.hostname))
  }
  return ops
}
