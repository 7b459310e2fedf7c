import type { Operation, OperationStatus, OperationStep, OperationType } from '../../shared/contract/operations'

/**
 * Pure transitions of one Operation. The registry owns the mutable copy; everything that decides
 * what a step or an op looks like after an event lives here so it can be tested with tables.
 */

export const LOG_TAIL_LINES = 200
/** A runaway line (a base64 blob) must not fill the tail on its own. */
export const MAX_LOG_LINE = 2000

export const ACTIVE_STATUSES: readonly OperationStatus[] = ['pending', 'running']
export function isActive(op: Pick<Operation, 'status'>): boolean {
  return ACTIVE_STATUSES.includes(op.status)
}

function pendingStep(name: string): OperationStep {
  return { name, status: 'pending', startedAt: null, endedAt: null, message: null }
}

export function createOperation(input: { id: string; type: OperationType; instance: string; target: string; steps: string[]; now: string }): Operation {
  return {
    id: input.id,
    type: input.type,
    target: input.target,
    instance: input.instance,
    status: 'running',
    message: 'Starting…',
    progress: 0,
    startedAt: input.now,
    endedAt: null,
    steps: [...new Set(input.steps)].map(pendingStep),
    currentStep: null,
    currentStepStartedAt: null,
    bytesDone: null,
    bytesTotal: null,
    bytesPerSecond: null,
    logTail: [],
    failedStep: null,
    error: null
  }
}

function withStep(op: Operation, name: string, change: (s: OperationStep) => OperationStep): Operation {
  const found = op.steps.some((s) => s.name === name)
  const steps = found ? op.steps.map((s) => (s.name === name ? change(s) : s)) : [...op.steps, change(pendingStep(name))]
  return { ...op, steps }
}

export function startStep(op: Operation, name: string, now: string): Operation {
  const next = withStep(op, name, (s) => ({ ...s, status: 'running', startedAt: now, endedAt: null, message: null }))
  return { ...next, currentStep: name, currentStepStartedAt: now, message: `${name}…` }
}

export type StepOutcome = 'completed' | 'failed' | 'cancelled'

export function endStep(op: Operation, name: string, outcome: StepOutcome, now: string, message: string | null = null): Operation {
  const next = withStep(op, name, (s) => ({ ...s, status: outcome, endedAt: now, message }))
  if (next.currentStep !== name) return next
  // With steps run side by side, the newest one still running becomes current.
  const still = [...next.steps].reverse().find((s) => s.status === 'running')
  return { ...next, currentStep: still?.name ?? null, currentStepStartedAt: still?.startedAt ?? null }
}

export function skipStep(op: Operation, name: string, reason: string | null, now: string): Operation {
  return withStep(op, name, (s) => ({ ...s, status: 'skipped', startedAt: s.startedAt, endedAt: now, message: reason }))
}

export function clampPercent(percent: number): number | null {
  if (!Number.isFinite(percent)) return null
  return Math.min(100, Math.max(0, percent))
}

/** Splits multi-line text, drops trailing blanks, truncates long lines, keeps the last `max`. */
export function appendLog(tail: string[], text: string, max = LOG_TAIL_LINES): string[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/\n+$/, '')
    .split('\n')
    .map((l) => (l.length > MAX_LOG_LINE ? l.slice(0, MAX_LOG_LINE) + '…' : l))
  const all = tail.concat(lines)
  return all.length > max ? all.slice(all.length - max) : all
}

export type Final =
  | { status: 'completed'; message: string }
  | { status: 'failed'; error: { code: string; message: string }; failedStep: string | null }
  | { status: 'cancelled'; message: string }
  | { status: 'interrupted'; message: string; error?: { code: string; message: string } }

/** The end of an op: steps still running take the op's outcome; pending ones stay pending (never reached). */
export function finish(op: Operation, final: Final, now: string): Operation {
  const stepOutcome: OperationStep['status'] = final.status === 'completed' ? 'completed' : final.status === 'failed' ? 'failed' : 'cancelled'
  const steps = op.steps.map((s) =>
    s.status === 'running' ? { ...s, status: stepOutcome, endedAt: now, message: final.status === 'interrupted' ? 'interrupted' : s.message } : s
  )
  const base = { ...op, steps, endedAt: now, currentStep: null, currentStepStartedAt: null }
  switch (final.status) {
    case 'completed':
      return { ...base, status: 'completed', progress: 100, message: final.message, failedStep: null, error: null }
    case 'failed':
      return { ...base, status: 'failed', message: final.error.message, failedStep: final.failedStep, error: final.error }
    case 'cancelled':
      return {
        ...base,
        status: 'cancelled',
        message: final.message,
        error: { code: 'CANCELLED', message: final.message }
      }
    case 'interrupted':
      return { ...base, status: 'interrupted', message: final.message, error: final.error ?? base.error }
  }
}

/** What a crash leaves: the op says where it stopped, why, and what to do about it. */
export function interruptedMessage(op: Operation, why = 'the app stopped while this operation was running'): string {
  const where = op.currentStep ? ` during "${op.currentStep}"` : ''
  return `Interrupted${where}: ${why}. Check the target and run it again.`
}
