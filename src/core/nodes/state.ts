import { AppError } from '../../shared/errors'
import type { NodeState } from '../../shared/schemas/fields'

/**
 * The node lifecycle: added → configured → applying → installing → ready, or failed with a
 * reason, or interrupted (the operator stopped setup; the machine may go on installing). A config-affecting edit sends any node back to added, and setup may write a node's
 * configuration again from any state (a machine that was reset is back in maintenance); setup
 * resumes from failed to whatever the machine shows; a re-apply to a running node goes
 * applying → ready directly.
 */
const NEXT: Record<NodeState, readonly NodeState[]> = {
  added: ['configured', 'failed', 'interrupted'],
  configured: ['applying', 'installing', 'ready', 'added', 'failed', 'interrupted'],
  applying: ['installing', 'ready', 'failed', 'interrupted'],
  installing: ['ready', 'failed', 'interrupted'],
  ready: ['added', 'configured', 'applying', 'failed', 'interrupted'],
  failed: ['added', 'configured', 'applying', 'installing', 'ready', 'interrupted'],
  interrupted: ['added', 'configured', 'applying', 'installing', 'ready', 'failed']
}

/** States that carry a reason (why setup stopped and what resuming does). */
export function hasReason(state: NodeState): boolean {
  return state === 'failed' || state === 'interrupted'
}

export function canTransition(from: NodeState, to: NodeState): boolean {
  return from === to || to === 'added' || to === 'configured' || NEXT[from].includes(to)
}

export function assertTransition(hostname: string, from: NodeState, to: NodeState): void {
  if (!canTransition(from, to)) {
    throw new AppError('CONFLICT', `${hostname} cannot go from "${from}" to "${to}". Reload the node list and try again.`)
  }
}

/** Fields whose change means the machine must be configured again. */
export const CONFIG_FIELDS = ['role', 'targetIp', 'mac', 'interface', 'disk', 'version', 'schematicId'] as const
