import { setMaxListeners } from 'node:events'
import type { Operation, OperationType } from '../../shared/contract/operations'
import { AppError, toAppError } from '../../shared/errors'
import type { EventBus } from '../event-bus'
import { declarationText, type Interruption } from './declaration'
import { nextRate, type RateState } from './rate'
import { appendLog, clampPercent, createOperation, endStep, finish, interruptedMessage, skipStep, startStep, type Final } from './state'
import type { OperationStore } from './store'
import { createCoalescingWriter, createThrottle, type Timers } from './throttle'
import type { Job, OperationHandle } from './types'

export interface LiveOperationDeps {
  id: string
  type: OperationType
  instance: string
  target: string
  steps: string[]
  store: OperationStore
  events: Pick<EventBus, 'emit'>
  timers: Timers
  eventIntervalMs: number
  persistIntervalMs: number
  /** Promised in the op file: a reader calls the owner silent after missing a few of these. */
  heartbeatMs: number
  logTailLines: number
  onSettled(): void
}

export type LiveOperation = ReturnType<typeof createLiveOperation>

/**
 * One running op in memory: the job's handle, its abort controller, the throttles that turn a
 * stream of changes into a bounded stream of events and writes, and its end.
 */
export function createLiveOperation(d: LiveOperationDeps) {
  const iso = () => new Date(d.timers.now()).toISOString()
  const controller = new AbortController()
  // A job passes its signal to every call it makes, many at once (a scan identifies 8 machines
  // with several talosctl calls each); that is not a leak.
  setMaxListeners(0, controller.signal)
  let op = createOperation({ id: d.id, type: d.type, instance: d.instance, target: d.target, steps: d.steps, now: iso() })
  let finished = false
  let rate: RateState | null = null
  let pendingLog = ''
  let lastFailedStep: string | null = null
  /** A message set while no step runs is the job's own summary and survives completion. */
  let summary: string | null = null
  let writeFailed = false
  let heartbeatAt = d.timers.now()
  let cancelReason = 'Cancelled by the operator.'
  /** Set when another process declared this op interrupted: the job stops and the op stays so. */
  let takenOver: Extract<Final, { status: 'interrupted' }> | null = null
  const abortedFinal = (): Final => takenOver ?? { status: 'cancelled', message: cancelReason }
  let resolveDone!: (op: Operation) => void
  const done = new Promise<Operation>((r) => (resolveDone = r))

  const emitThrottle = createThrottle(
    () => {
      try {
        d.events.emit('operation.updated', op)
      } catch (e) {
        console.error(`operation ${op.id}: event not sent`, e)
      }
    },
    d.eventIntervalMs,
    d.timers
  )

  const writer = createCoalescingWriter(async () => {
    const log = pendingLog
    pendingLog = ''
    heartbeatAt = d.timers.now()
    try {
      // Looked up before every write, so an owner that wakes from SIGSTOP or a laptop's sleep
      // never writes "running" over a declaration; the declaration wins even if one slips by.
      const declared = await d.store.interruption(op.instance, op.id)
      if (declared) takeOver(declared)
      const snapshot = op
      if (declared && !isFinal(snapshot)) return
      const owner = isFinal(snapshot) ? null : { pid: process.pid, heartbeatAt, heartbeatMs: d.heartbeatMs }
      await d.store.write(snapshot, owner, declared ?? undefined)
      if (log) await d.store.appendLog(snapshot.instance, snapshot.id, log)
    } catch (e) {
      // The job goes on without its file; say so once rather than on every progress tick.
      if (!writeFailed) console.error(`operation ${op.id}: could not be saved`, e)
      writeFailed = true
    }
  })
  const persistThrottle = createThrottle(() => void writer.write(), d.persistIntervalMs, d.timers)

  const isFinal = (o: Operation) => o.status !== 'running' && o.status !== 'pending'

  /**
   * Another process declared this op interrupted while this one was silent (stopped, asleep).
   * The job is aborted through its signal and ends `interrupted`; an op that already ended in
   * the meantime is relabelled, since the declaration came first.
   */
  function takeOver(declared: Interruption): void {
    if (takenOver) return
    const why = `${declarationText(declared)}; this process (pid ${process.pid}) saw that when it resumed and stopped its work`
    const message = interruptedMessage(op, why)
    takenOver = { status: 'interrupted', message, error: { code: 'CONFLICT', message } }
    if (finished) {
      if (op.status !== 'interrupted') op = { ...op, status: 'interrupted', message, error: takenOver.error ?? null }
      return
    }
    controller.abort(new AppError('CONFLICT', message))
  }

  function update(change: (o: Operation) => Operation, persist: 'now' | 'throttled'): void {
    if (finished) return
    op = change(op)
    emitThrottle.request()
    if (persist === 'now') {
      persistThrottle.cancel()
      void writer.write()
    } else persistThrottle.request()
  }

  async function settle(final: Final): Promise<Operation> {
    if (finished) return op
    finished = true
    op = finish(op, final, iso())
    persistThrottle.cancel()
    emitThrottle.flush()
    await writer.write()
    await d.store.takeCancelRequest(op.instance, op.id)
    d.onSettled()
    resolveDone(op)
    return op
  }

  const handle: OperationHandle = {
    id: d.id,
    signal: controller.signal,
    async step(name, fn, options) {
      if (controller.signal.aborted) throw new AppError('CANCELLED', `Cancelled before "${name}" started.`)
      summary = null
      update((o) => startStep(o, name, options?.since ?? iso()), 'now')
      try {
        const result = await fn()
        update((o) => endStep(o, name, 'completed', iso()), 'now')
        return result
      } catch (e) {
        const cancelled = controller.signal.aborted
        if (!cancelled) lastFailedStep = name
        update((o) => endStep(o, name, cancelled ? 'cancelled' : 'failed', iso(), toAppError(e).message), 'now')
        throw e
      }
    },
    skip(name, reason) {
      update((o) => skipStep(o, name, reason ?? null, iso()), 'now')
    },
    progress(percent) {
      const p = clampPercent(percent)
      if (p !== null) update((o) => ({ ...o, progress: p }), 'throttled')
    },
    message(text) {
      update((o) => {
        if (o.currentStep === null) summary = text
        return { ...o, message: text }
      }, 'throttled')
    },
    log(line) {
      if (finished) return
      pendingLog += line.replace(/\n+$/, '') + '\n'
      update((o) => ({ ...o, logTail: appendLog(o.logTail, line, d.logTailLines) }), 'throttled')
    },
    bytes(doneBytes, total) {
      if (!Number.isFinite(doneBytes) || doneBytes < 0) return
      rate = nextRate(rate, doneBytes, d.timers.now())
      const perSecond = rate.rate === null ? null : Math.round(rate.rate)
      const bytesTotal = total !== null && Number.isFinite(total) && total >= 0 ? total : null
      update((o) => ({ ...o, bytesDone: doneBytes, bytesTotal, bytesPerSecond: perSecond }), 'throttled')
    }
  }

  return {
    get op() {
      return op
    },
    get heartbeatAt() {
      return heartbeatAt
    },
    done,
    persistNow: () => writer.write(),
    idle: () => writer.idle(),
    heartbeat: () => void writer.write(),
    takeOver,

    /** Runs the job in the background; its outcome settles the op exactly once. */
    run<T>(job: Job<T>): void {
      void (async () => {
        try {
          await job(handle)
          if (controller.signal.aborted) await settle(abortedFinal())
          else await settle({ status: 'completed', message: summary ?? 'Completed' })
        } catch (e) {
          if (controller.signal.aborted) await settle(abortedFinal())
          else {
            const err = toAppError(e)
            await settle({
              status: 'failed',
              error: { code: err.code, message: err.message },
              failedStep: lastFailedStep ?? op.currentStep
            })
          }
        }
      })()
    },

    cancel(reason: string): void {
      if (finished || controller.signal.aborted) return
      cancelReason = reason
      controller.abort(new AppError('CANCELLED', reason))
      update((o) => ({ ...o, message: 'Cancelling…' }), 'now')
    },

    /** For a job that ignored its signal past the grace period: the op ends here, honestly labelled. */
    abandon: (message: string) => settle({ status: 'interrupted', message })
  }
}
