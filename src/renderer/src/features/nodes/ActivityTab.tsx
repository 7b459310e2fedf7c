import type { Node } from '../../../../shared/contract/nodes'
import { LogsPanel } from './LogsPanel'
import { useServices } from './node-ops-hooks'
import { ServicesCard } from './ServicesCard'

/** What the node does now: its services, and the logs of any of them. */
export function ActivityTab({ instance, node }: { instance: string; node: Node }) {
  const q = useServices(instance, node.hostname, true)
  const services = q.data?.services.map((s) => s.service) ?? []
  return (
    <div className="flex flex-col gap-5">
      <ServicesCard q={q} />
      {q.data && <LogsPanel instance={instance} node={node.hostname} services={services} />}
    </div>
  )
}
