import type { ScreenProps } from '../../app/screen'
import { NodePage } from './NodePage'
import { NodesList } from './NodesList'

/**
 * #/nodes: the one list of machines; #/nodes/@/<key>: the same list with a machine that is not
 * a node chosen ('@' is no valid hostname); #/nodes/<hostname>[/<tab>]: a node's page.
 */
export default function NodesScreen({ instance, rest }: ScreenProps) {
  if (!instance) return null
  const [first, second] = rest
  if (first === '@') return <NodesList instance={instance} selected={second ?? ''} />
  return first ? <NodePage key={first} instance={instance} hostname={first} tab={second} /> : <NodesList instance={instance} />
}
