import type { Operation } from '@shared/contract/operations'

export interface HealthSummary {
  /** Checks talosctl ran (skipped ones are not counted). */
  total: number
  passed: number
  /** The checks that did not pass, in talosctl's words without the "Check: " prefix. */
  failing: string[]
  running: boolean
}

const PREFIX = 'Check: '

/** n of m checks pass, from a health (or bootstrap) operation's "Check: …" steps. */
export function summarizeHealth(op: Pick<Operation, 'steps' | 'status'>): HealthSummary {
  const checks = op.steps.filter((s) => s.name.startsWith(PREFIX) && s.status !== 'skipped')
  const passed = checks.filter((s) => s.status === 'completed').length
  const failing = checks.filter((s) => s.status === 'failed' || s.status === 'cancelled').map((s) => s.name.slice(PREFIX.length))
  return { total: checks.length, passed, failing, running: op.status === 'running' || op.status === 'pending' }
}

/** "All 5 checks pass", "3 of 5 checks pass". */
export function healthWords(s: HealthSummary): string {
  if (s.running) return `Checking… ${s.passed} of ${s.total} checks pass so far`
  if (s.total > 0 && s.passed === s.total) return `All ${s.total} checks pass`
  return `${s.passed} of ${s.total} checks pass`
}
