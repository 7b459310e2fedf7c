import type { Operation } from '../../shared/contract/operations'

/** The step that waits for the installed machine; a resume continues it rather than restarting its clock. */
export const WAIT_STEP = 'Wait for the node at its target address'

/**
 * Why the node is `interrupted`: once the machine has its configuration, cancelling only stops
 * the app from waiting — the machine goes on installing — and resuming looks where it is now.
 */
export function interruptedReason(configSent: boolean): string {
  return configSent
    ? 'Stopped waiting — the machine keeps installing. Resume checks where it is now and continues from there.'
    : 'Setup was stopped before the configuration was sent. Resume continues from where it stopped.'
}

/**
 * When the wait a resume continues really began: the wait step of the newest earlier setup of
 * this node that was stopped (cancelled or interrupted) while waiting. Because a resumed step is
 * backdated to this time, a chain of resumes keeps the first start.
 */
export function earlierWaitStart(ops: Operation[], hostname: string, currentId: string): string | null {
  const prev = ops.filter((o) => o.type === 'setup' && o.target === hostname && o.id !== currentId).sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0]
  if (!prev || (prev.status !== 'cancelled' && prev.status !== 'interrupted')) return null
  const wait = prev.steps.find((s) => s.name === WAIT_STEP)
  return wait && (wait.status === 'cancelled' || wait.status === 'running') ? wait.startedAt : null
}
