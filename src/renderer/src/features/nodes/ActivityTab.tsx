import type { Node } from '@shared/contract/nodes'
import { useCommandQuery } from '../../api/hooks'
import { Badge, type Tone } from '../../ui'
import { LogsPanel } from './LogsPanel'
import { useServices } from './node-ops-hooks'
import { ServicesCard } from './ServicesCard'

/** Whether the node's clock is in sync: certificates, etcd and the kubelet depend on it. */
function TimeSync({ instance, node }: { instance: string; node: string }) {
  const q = useCommandQuery('nodeOps.timeSync', { instance, node }, { refetchInterval: 30_000 })
  if (q.error) return <p className="text-muted text-sm">The clock's sync status could not be read: {q.error.message}</p>
  if (!q.data) return null
  const t = q.data
  const [tone, label]: [Tone, string] = t.syncDisabled
    ? ['neutral', 'Time sync disabled']
    : t.synced
      ? ['ok', 'Clock in sync']
      : ['warn', 'Clock not in sync yet']
  return (
    <p className="flex items-center gap-2 text-sm" aria-label="Clock">
      <span className="text-muted">Clock</span>
      <Badge tone={tone}>{label}</Badge>
      {t.epoch > 0 && <span className="text-muted">jumped by more than 15 minutes {t.epoch === 1 ? 'once' : `${t.epoch} times`} since boot</span>}
    </p>
  )
}

/** What the node does now: its clock, its services, and the logs of any of them. */
export function ActivityTab({ instance, node }: { instance: string; node: Node }) {
  const q = useServices(instance, node.hostname, true)
  const services = q.data?.services.map((s) => s.service) ?? []
  return (
    <div className="flex flex-col gap-5">
      <TimeSync instance={instance} node={node.hostname} />
      <ServicesCard q={q} />
      {q.data && <LogsPanel instance={instance} node={node.hostname} services={services} />}
    </div>
  )
}
