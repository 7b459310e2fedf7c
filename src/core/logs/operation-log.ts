import type { Logger } from 'pino'
import type { EventBus } from '../event-bus'
import type { Operation } from '../../shared/contract/operations'

/**
 * Writes each operation's start and end to the operations log: one line when it starts running,
 * one when it completes, fails or is cancelled (not every progress tick). Feed it every update.
 */
export function operationLogger(log: Logger): (op: Operation) => void {
  const seen = new Map<string, Operation['status']>()
  return (op) => {
    const before = seen.get(op.id)
    if (before === op.status) return
    const what = { id: op.id, type: op.type, instance: op.instance, target: op.target }
    if (op.status === 'running' || op.status === 'pending') {
      if (!before) log.info(what, `${op.type} started`)
      seen.set(op.id, op.status)
      return
    }
    seen.delete(op.id)
    const ms = op.endedAt ? Date.parse(op.endedAt) - Date.parse(op.startedAt) : undefined
    const end = { ...what, status: op.status, durationMs: ms, failedStep: op.failedStep ?? undefined, error: op.error ?? undefined, message: op.message }
    if (op.status === 'completed') log.info(end, `${op.type} completed`)
    else if (op.status === 'cancelled') log.info(end, `${op.type} cancelled`)
    else log.error({ ...end, logTail: op.logTail.slice(-20) }, `${op.type} ${op.status}`)
  }
}

/** The operations log fed from the events the registry already sends. Returns the unsubscribe. */
export function logOperations(events: EventBus, log: Logger): () => void {
  const write = operationLogger(log)
  return events.onAny((name, payload) => {
    if (name === 'operation.updated') write(payload as Operation)
  })
}
