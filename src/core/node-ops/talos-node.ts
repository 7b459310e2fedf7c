import { z } from 'zod'
import type { EtcdMember, NodeService } from '../../shared/contract/node-ops'
import { ServiceName } from '../../shared/contract/node-ops'
import { malformedOutput } from '../talos/errors'
import type { LineSink, TalosRunner } from '../talos/runner'
import { Target, targetArgs } from '../talos/talos-args'

/**
 * The talosctl calls of node operations: services, logs/dmesg (streamed), reboot, shutdown, etcd
 * members/remove-member/leave. Kept beside, not inside, talos-api.ts: they share the runner and
 * the target rules, and tables are parsed here (these commands have no JSON output).
 */

export const NODE_TIMEOUTS = {
  call: 30_000,
  /** reboot/shutdown --wait=false return once the request is accepted. */
  power: 60_000,
  /** A snapshot of a log (no follow). */
  logs: 60_000,
  /** A followed log runs until it is stopped: a week is "until stopped" without an unbounded timer. */
  follow: 7 * 24 * 3600_000
} as const

export interface NodeCall {
  target: z.input<typeof Target>
  signal?: AbortSignal
}

const MemberId = z.string().regex(/^[0-9a-f]{1,16}$/, 'Not an etcd member id (hex)')

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

/** "127.0.10.11: line" → "line": the node prefix talosctl puts before every log line. */
export function stripNodePrefix(line: string, node: string): string {
  return line.startsWith(`${node}: `) ? line.slice(node.length + 2) : line
}

export function createNodeTalos(runner: TalosRunner) {
  const run = (args: string[], c: NodeCall, timeoutMs: number, extra: { onLine?: LineSink; streamOnly?: boolean } = {}) =>
    runner.run([...args, ...targetArgs(c.target)], { signal: c.signal, timeoutMs, talosconfig: Target.parse(c.target).talosconfig, ...extra })

  return {
    async services(c: NodeCall) {
      return parseServices((await run(['services'], c, NODE_TIMEOUTS.call)).stdout)
    },
    /**
     * Streams a service log (or dmesg without a service) line by line to `onLine`; nothing is
     * kept here. With follow it runs until `signal` aborts (then rejects with CANCELLED).
     */
    async stream(c: NodeCall & { service?: string; follow: boolean; tail: number; onLine: (line: string) => void }): Promise<void> {
      const node = Target.parse(c.target).node
      const args = c.service
        ? ['logs', ServiceName.parse(c.service), '--tail', String(c.tail), ...(c.follow ? ['-f'] : [])]
        : // dmesg has no line count: --tail means "only new messages", used when no earlier line is wanted.
          ['dmesg', ...(c.follow ? ['-f'] : []), ...(c.follow && c.tail === 0 ? ['--tail'] : [])]
      await run(args, c, c.follow ? NODE_TIMEOUTS.follow : NODE_TIMEOUTS.logs, {
        streamOnly: true,
        onLine: (stream, line) => stream === 'stdout' && c.onLine(stripNodePrefix(line, node))
      })
    },
    async reboot(c: NodeCall) {
      await run(['reboot', '--wait=false'], c, NODE_TIMEOUTS.power)
    },
    async shutdown(c: NodeCall) {
      await run(['shutdown', '--wait=false'], c, NODE_TIMEOUTS.power)
    },
    async etcdMembers(c: NodeCall) {
      return parseMembers((await run(['etcd', 'members'], c, NODE_TIMEOUTS.call)).stdout)
    },
    async etcdRemoveMember(c: NodeCall & { id: string }) {
      await run(['etcd', 'remove-member', MemberId.parse(c.id)], c, NODE_TIMEOUTS.call)
    },
    async etcdLeave(c: NodeCall) {
      await run(['etcd', 'leave'], c, NODE_TIMEOUTS.call)
    }
  }
}

export type NodeTalos = ReturnType<typeof createNodeTalos>
