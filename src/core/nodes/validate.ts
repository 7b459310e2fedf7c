import { AppError } from '../../shared/errors'
import { settingsFrom } from '../config/settings'
import type { ConfigFile } from '../config/schema'
import { nodesFrom, type NodeRecord } from './model'
import { allIssues, introducedIssues, type RuleIssue } from './rules'

/** The address rules of a whole config: settings plus every node. */
export function configIssues(config: ConfigFile): RuleIssue[] {
  const s = settingsFrom(config, '')
  return allIssues({ subnet: s.network.subnet, gateway: s.network.gateway, vip: s.vip }, nodesFrom(config))
}

/**
 * Refuses an edit that introduces an address problem; problems the file already had (a hand
 * edit) are left for the operator and do not block unrelated edits. Duplicates are CONFLICT.
 */
export function assertNoNewIssues(before: ConfigFile, after: ConfigFile): void {
  const added = introducedIssues(configIssues(before), configIssues(after))
  const first = added[0]
  if (!first) return
  throw new AppError(first.kind === 'duplicate' ? 'CONFLICT' : 'VALIDATION', first.message, { issues: added })
}

/** Fields an operator typed, compared with what is stored: equal means "add again" is a no-op. */
export function sameNode(
  existing: NodeRecord,
  input: Partial<Pick<NodeRecord, 'role' | 'targetIp' | 'currentIp' | 'mac' | 'interface' | 'disk' | 'version' | 'schematicId'>>
): string | null {
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue
    const have = existing[k as keyof NodeRecord]
    if (have !== v) return `${k} is ${have === null ? 'unset' : `"${String(have)}"`}, not "${String(v)}"`
  }
  return null
}
