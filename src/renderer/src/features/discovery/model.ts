import type { DiscoveredNode, DiscoveredState } from '../../../../shared/contract/discovery'
import type { Tone } from '../../ui'

/** A configured machine is not an error: it belongs to a cluster (maybe this one). */
export const FOUND_VIEW: Record<DiscoveredState, { tone: Tone; word: string; explain: string }> = {
  maintenance: { tone: 'ok', word: 'maintenance', explain: 'Waiting for a configuration: ready to set up.' },
  configured: { tone: 'neutral', word: 'configured (belongs to a cluster)', explain: 'Already set up; it does not accept a new configuration.' },
  unidentified: { tone: 'warn', word: 'unidentified', explain: 'Something answered on port 50000 but could not be identified.' }
}

export function sortFound(nodes: DiscoveredNode[]): DiscoveredNode[] {
  const key = (ip: string) => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0)
  const rank: Record<DiscoveredState, number> = { maintenance: 0, unidentified: 1, configured: 2 }
  return [...nodes].sort((a, b) => rank[a.state] - rank[b.state] || key(a.ip) - key(b.ip))
}
