import { z } from 'zod'
import type { EtcdMember, NodeService } from '@shared/contract/node-ops'
import { malformedOutput } from '../errors'

/** Readers of talosctl's tabwriter tables (services, etcd members): these commands have no JSON output. */

export const MemberId = z.string().regex(/^[0-9a-f]{1,16}$/, 'Not an etcd member id (hex)')

/** Columns of a tabwriter table: separated by two or more spaces. */
function rowsOf(stdout: string, header: string[], what: string): string[][] {
  const lines = stdout.split('\n').filter((l) => l.trim())
  const head = lines[0]?.trim().split(/\s{2,}/) ?? []
  if (header.some((h, i) => head[i] !== h)) throw malformedOutput(what, `the header is not ${header.join(' ')}`, stdout)
  return lines.slice(1).map((l) => l.trim().split(/\s{2,}/))
}

export function parseServices(stdout: string): (NodeService & { node: string })[] {
  const rows = rowsOf(stdout, ['NODE', 'SERVICE', 'STATE', 'HEALTH', 'LAST CHANGE', 'LAST EVENT'], 'its services')
  return rows.map((c) => ({
    node: c[0] ?? '',
    service: c[1] ?? '',
    state: c[2] ?? '',
    health: c[3] ?? '',
    lastChange: c[4] ?? '',
    lastEvent: c.slice(5).join('  ')
  }))
}

export function parseMembers(stdout: string): Omit<EtcdMember, 'healthy'>[] {
  const rows = rowsOf(stdout, ['NODE', 'ID', 'HOSTNAME', 'PEER URLS', 'CLIENT URLS', 'LEARNER'], 'the etcd members')
  const seen = new Set<string>()
  const out: Omit<EtcdMember, 'healthy'>[] = []
  // Each answering node lists every member: keep the first listing of each id.
  for (const c of rows) {
    const id = c[1] ?? ''
    if (seen.has(id)) continue
    seen.add(id)
    out.push({ id: MemberId.parse(id), hostname: c[2] ?? '', peerUrls: (c[3] ?? '').split(','), clientUrls: (c[4] ?? '').split(','), learner: c[5] === 'true' })
  }
  return out
}
