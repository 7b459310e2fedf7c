import { InvalidArgumentError, type Command } from 'commander'
import type { Operation, OperationListEntry, UnreadableOperation } from '@shared/contract/operations'
import { action, output, table } from '../output'
import { withSession } from '../verbs/session'

const UNIT_DAYS: Record<string, number> = { d: 1, h: 1 / 24, m: 1 / (24 * 60) }

/** `7d`, `12h`, `30m` → days, the unit operations.cleanup takes. */
export function parseAge(value: string): number {
  const m = /^(\d+(?:\.\d+)?)([dhm])$/.exec(value.trim())
  const days = m ? Number(m[1]) * UNIT_DAYS[m[2]!]! : Number.NaN
  if (!(days > 0)) throw new InvalidArgumentError(`"${value}" is not an age: give a number and d, h or m, like 7d, 12h or 30m.`)
  return days
}

export function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a count: give a whole number, like 20.`)
  return Number(value)
}

function describeUnreadable(list: UnreadableOperation[]): string {
  const lines = list.map((u) => `  ${u.file}\n    ${u.reason}`)
  return [`Unreadable operation files (remove them with: wild ops cleanup):`, ...lines].join('\n')
}

function age(from: string, to: string | null): string {
  const ms = Math.max(0, Date.parse(to ?? new Date().toISOString()) - Date.parse(from))
  const s = Math.round(ms / 1000)
  return s < 60
    ? `${s}s`
    : s < 3600
      ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
      : `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
}

/** The human view of one op: what it is, where it is, and, when it failed, where and why. */
export function describeOperation(op: Operation): string {
  const lines = [
    `${op.id}`,
    `  type:     ${op.type}${op.target ? ` (${op.target})` : ''}`,
    `  status:   ${op.status}${op.status === 'running' ? ` ${Math.round(op.progress)}%` : ''}`,
    `  message:  ${op.message}`,
    `  started:  ${op.startedAt}${op.endedAt ? `, ended ${op.endedAt}` : ''} (${age(op.startedAt, op.endedAt)})`
  ]
  if (op.bytesDone !== null) {
    const total = op.bytesTotal !== null ? ` of ${op.bytesTotal}` : ''
    const rate = op.bytesPerSecond !== null ? ` at ${op.bytesPerSecond} B/s` : ''
    lines.push(`  bytes:    ${op.bytesDone}${total}${rate}`)
  }
  if (op.error) lines.push(`  error:    ${op.error.message} [${op.error.code}]${op.failedStep ? ` in "${op.failedStep}"` : ''}`)
  if (op.steps.length) {
    lines.push('  steps:')
    for (const s of op.steps) lines.push(`    ${s.status.padEnd(9)} ${s.name}${s.message ? ` — ${s.message}` : ''}`)
  }
  if (op.logTail.length) {
    lines.push('  log (last lines):')
    for (const l of op.logTail.slice(-20)) lines.push(`    ${l}`)
  }
  return lines.join('\n')
}

/** `wild ops list`: operations.list and operations.unreadable in one list (--json: the readable ones, newest first, then the unreadable files); show, cancel and cleanup are verbs of the contract table (src/cli/verbs/operations.ts). */
export function registerOpsCommands(program: Command): void {
  const ops = program.command('ops').description('List, show, cancel and clean up long-running operations')

  ops
    .command('list')
    .description('List the operations of the instance, newest first')
    .action(
      action(async (signal, _opts, cmd: Command) =>
        withSession(cmd, signal, async (s) => {
          const instance = await s.instance()
          const list = await s.call('operations.list', { instance })
          const unreadable = await s.call('operations.unreadable', { instance })
          const entries: OperationListEntry[] = [...list, ...unreadable]
          output(cmd, entries, () => {
            const parts: string[] = []
            if (list.length === 0 && unreadable.length === 0) parts.push('No operations yet.')
            if (list.length > 0) {
              parts.push(
                table(
                  ['ID', 'TYPE', 'TARGET', 'STATUS', 'PROGRESS', 'STARTED', 'MESSAGE'],
                  list.map((o) => [o.id, o.type, o.target, o.status, `${Math.round(o.progress)}%`, o.startedAt, o.message])
                )
              )
            }
            if (unreadable.length > 0) parts.push(describeUnreadable(unreadable))
            return parts.join('\n\n')
          })
        })
      )
    )
}
