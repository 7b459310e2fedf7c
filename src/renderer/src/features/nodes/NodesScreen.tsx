import type { ScreenProps } from '../../app/screen'
import { NodePage } from './NodePage'
import { NodesList } from './NodesList'

export default function NodesScreen({ instance, rest }: ScreenProps) {
  if (!instance) return null
  const [hostname, tab] = rest
  return hostname ? <NodePage key={hostname} instance={instance} hostname={hostname} tab={tab} /> : <NodesList instance={instance} />
}
