import type { DiscoveredNode, DiscoveredState } from '@shared/contract/discovery'
import type { Machine } from '@shared/contract/machines'
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

/**
 * What a scanned address is, beyond what it answered: a registered node (by its target or current
 * IP, named by the core, or by its MAC when it answered at its former maintenance address), the
 * cluster's VIP, or a stale result (the machine moved, or the scan is old) — none of them may be
 * set up again. `free`: nothing the app knows; a maintenance machine may be offered for setup.
 * `machines` is the merged list (machines.list), which holds MAC matches and staleness.
 */
export type FoundRole = { kind: 'node'; node: string } | { kind: 'vip' } | { kind: 'stale'; moved: boolean; why: string } | { kind: 'free' }

export function foundRole(n: DiscoveredNode, machines: readonly Machine[] | undefined): FoundRole {
  if (n.vip) return { kind: 'vip' }
  if (n.node) return { kind: 'node', node: n.node }
  const mac = n.mac?.toLowerCase() ?? null
  const m = machines?.find((x) => !x.vip && (mac ? x.mac === mac : x.key === `ip:${n.ip}`))
  if (m?.node) return { kind: 'node', node: m.node }
  if (m?.stale) return { kind: 'stale', moved: Boolean(m.staleReason?.startsWith('moved')), why: m.staleReason ?? 'an old scan result' }
  return { kind: 'free' }
}
