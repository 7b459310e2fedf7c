import type { Command } from 'commander'
import type { Operation } from '../../shared/contract/operations'
import { coreFor, instanceFor } from '../context'
import { action, output, table } from '../output'

function age(from: string, to: string | null): string {
  const ms = Math.max(0, Date.parse(to ?? new Date().toISOString()) - Date.parse(from))
  const s = Math.round(ms / 1000)
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
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
  const ops = program.command('ops').description('List, show and cancel long-running operations')

  ops
    .command('list')
    .description('List the operations of the instance, newest first')
    .action(
      action(async (_signal, _opts, cmd: Command) => {
        const core = coreFor(cmd)
        const list = await core.operations.list(await instanceFor(cmd, core))
        output(cmd, list, () =>
          list.length === 0
            ? 'No operations yet.'
            : table(
                ['ID', 'TYPE', 'TARGET', 'STATUS', 'PROGRESS', 'STARTED', 'MESSAGE'],
                list.map((o) => [o.id, o.type, o.target, o.status, `${Math.round(o.progress)}%`, o.startedAt, o.message])
              )
        )
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
