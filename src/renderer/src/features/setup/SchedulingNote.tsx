import { Plus, TriangleAlert } from 'lucide-react'
import type { ClusterSettings } from '@shared/contract/cluster'
import type { Node } from '@shared/contract/nodes'
import { useCommandMutation } from '../../api/hooks'
import { navigate } from '../../app/router'
import { Button, InlineError } from '../../ui'

/** True when the cluster runs but nothing may be scheduled on it: no worker, control planes closed to workloads. */
export function nothingCanRun(cluster: ClusterSettings, nodes: Node[]): boolean {
  const workers = nodes.filter((n) => n.role === 'worker' && n.state === 'ready').length
  return cluster.bootstrapped !== null && workers === 0 && !cluster.allowSchedulingOnControlPlanes
}

/**
 * "Running" is not "usable": with one control plane and no worker, Kubernetes keeps workloads
 * off the control plane, so a Deployment would stay Pending. Say so, and offer both ways out.
 */
export function SchedulingNote({ instance, nodes }: { instance: string; nodes: Node[] }) {
  const allow = useCommandMutation('cluster.allowWorkloads', { invalidates: ['operations.list', 'nodes.list', 'cluster.settings.get'] })
  const cps = nodes.filter((n) => n.role === 'controlplane' && n.state === 'ready')
  const target = cps.length === 1 ? cps[0]!.hostname : 'the control planes'
  return (
    <section aria-labelledby="no-workload" className="flex gap-3 rounded-lg border border-warn/40 bg-warn-soft p-4">
      <TriangleAlert aria-hidden className="mt-0.5 size-5 shrink-0 text-warn" />
      <div className="flex min-w-0 flex-col gap-2">
        <h2 id="no-workload" className="font-medium">
          No workload can run yet
        </h2>
        <p className="text-[13px]">
          The cluster has {cps.length === 1 ? 'one control plane' : `${cps.length} control planes`} and no worker, and control planes do not run workloads:
          anything you deploy would wait. Either let {target} run workloads too (fine for a home lab; it is applied in place, without a reinstall), or add a
          worker machine.
        </p>
        <div className="flex flex-wrap gap-2">
          <Button size="sm" variant="primary" loading={allow.isPending} disabled={allow.isSuccess} onClick={() => allow.mutate({ instance })}>
            Allow workloads on {target}
          </Button>
          <Button size="sm" icon={<Plus aria-hidden className="size-3.5" />} onClick={() => navigate('setup', 'find')}>
            Add a worker
          </Button>
        </div>
        {allow.isSuccess && <p className="text-[13px] text-muted">Applying the change to {target}; follow it under Operations.</p>}
        <InlineError error={allow.error} />
      </div>
    </section>
  )
}
