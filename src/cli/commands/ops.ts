import { InvalidArgumentError, type Command } from 'commander'
import { OperationListEntry, type Operation, type UnreadableOperation } from '../../shared/contract/operations'
import { STARTUP_CLEANUP_DAYS } from '../../core/operations/startup-cleanup'
import { coreFor, instanceFor } from '../context'
import { action, output, table } from '../output'

const UNIT_DAYS: Record<string, number> = { d: 1, h: 1 / 24, m: 1 / (24 * 60) }

/** `7d`, `12h`, `30m` → days, the unit operations.cleanup takes. */
export function parseAge(value: string): number {
  const m = /^(\d+(?:\.\d+)?)([dhm])$/.exec(value.trim())
  const days = m ? Number(m[1]) * UNIT_DAYS[m[2]!]! : Number.NaN
  if (!(days > 0)) throw new InvalidArgumentError(`"${value}" is not an age: give a number and d, h or m, like 7d, 12h or 30m.`)
  return days
}

function wholeNumber(value: string): number {
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

export function registerOpsCommands(program: Command): void {
  const ops = program.command('ops').description('List, show, cancel and clean up long-running operations')

  ops
    .command('list')
    .description('List the operations of the instance, newest first')
    .action(
      action(async (_signal, _opts, cmd: Command) => {
        const core = coreFor(cmd)
        const instance = await instanceFor(cmd, core)
        const list = await core.operations.list(instance)
        const unreadable = await core.operations.unreadable(instance)
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

  ops
    .command('show <id>')
    .description('Show one operation: steps, progress, error and the last log lines')
    .action(
      action(async (_signal, id: string, _opts, cmd: Command) => {
        const core = coreFor(cmd)
        const op = await core.operations.get(await instanceFor(cmd, core), id)
        output(cmd, op, () => describeOperation(op))
      })
    )

  ops
    .command('cleanup')
    .description(
      `Remove unreadable op files and finished operations older than an age and/or beyond the newest N ` +
        `(default: older than ${STARTUP_CLEANUP_DAYS}d); never a running one`
    )
    .option('--older-than <age>', 'finished longer ago than this: 7d, 12h, 30m', parseAge)
    .option('--keep <n>', 'keep only the newest N finished operations', wholeNumber)
    .action(
      action(async (_signal, opts: { olderThan?: number; keep?: number }, cmd: Command) => {
        const core = coreFor(cmd)
        const instance = await instanceFor(cmd, core)
        const olderThanDays = opts.olderThan ?? (opts.keep === undefined ? STARTUP_CLEANUP_DAYS : undefined)
        const removed = await core.operations.cleanup(instance, { olderThanDays, keep: opts.keep, unreadable: 'all' })
        output(cmd, { removed }, () =>
          removed === 0 ? 'Nothing to remove.' : `Removed ${removed} operation${removed === 1 ? '' : 's'} from instance "${instance}".`
        )
      })
    )

  ops
    .command('cancel <id>')
    .description('Cancel a running operation (also one the app is running)')
    .action(
      action(async (_signal, id: string, _opts, cmd: Command) => {
        const core = coreFor(cmd)
        const op = await core.operations.cancel(await instanceFor(cmd, core), id)
        output(cmd, op, () =>
          op.status === 'cancelled'
            ? `Cancelled ${op.id}.`
            : op.status === 'running'
              ? `Asked ${op.id} to stop; it is still finishing its current step. Check with: wild ops show ${op.id}`
              : `${op.id} had already ended (${op.status}); nothing to cancel.`
        )
      })
    )
}
