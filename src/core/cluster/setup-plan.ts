import type { ErrorCode } from '../../shared/errors'
import type { NodeState } from '../../shared/schemas/fields'
import type { MachineAnswer } from './probe'

/** The steps of setup, in order; an operation shows them all from the start. */
export const SETUP_STEPS = [
  'Check the node',
  'Generate cluster configuration',
  'Write node configuration',
  'Apply configuration',
  // Ticked when the machine leaves maintenance to install, not before: never a step that has not happened.
  'Wait for the install to start',
  'Wait for the node at its target address',
  // Control planes two and three only (see node-ops/etcd-join.ts); skipped otherwise.
  'Check etcd membership',
  'Mark node ready'
] as const
export type SetupStep = (typeof SETUP_STEPS)[number]

export interface SetupFacts {
  hostname: string
  state: NodeState
  /** A configuration from this instance was accepted by the machine at some point. */
  applied: boolean
  targetIp: string
  currentIp: string | null
  clusterConfigReady: boolean
  nodeConfigReady: boolean
  atTarget: MachineAnswer
  /** Null when there is no current address or it is the target address. */
  atCurrent: MachineAnswer | null
}

export type SetupPlan =
  | {
      kind: 'run'
      startAt: SetupStep
      /** Where and how to send the configuration; null when nothing answers to take it. */
      apply: { ip: string; insecure: boolean } | null
      /** A first install reboots; a re-apply to a running node usually does not. */
      expectReboot: boolean
      notes: string[]
    }
  | { kind: 'refuse'; code: ErrorCode; message: string }

function firstFileStep(f: SetupFacts): SetupStep {
  if (!f.clusterConfigReady) return 'Generate cluster configuration'
  if (!f.nodeConfigReady) return 'Write node configuration'
  return 'Apply configuration'
}

/**
 * Where setup starts and how it applies, from the node's record, the files and what the machine
 * answers now. Pure, so "run it again after a failure" is decided the same way every time:
 * it continues from the first unfinished step.
 */
export function planSetup(f: SetupFacts): SetupPlan {
  const { atTarget, atCurrent } = f
  const fresh = firstFileStep(f)
  // Config accepted and not changed since: only the wait for it remains (or nothing).
  const settled = f.applied && f.state !== 'added'

  if (atTarget.kind === 'ours' && settled) {
    return {
      kind: 'run',
      startAt: 'Wait for the node at its target address',
      apply: null,
      expectReboot: false,
      notes: [`${f.hostname} already answers at ${f.targetIp} with this cluster's credentials.`]
    }
  }

  // Someone else already answers at the address this node is to take.
  const currentElsewhere = f.currentIp !== null && f.currentIp !== f.targetIp && atCurrent !== null
  if (currentElsewhere && atCurrent.kind !== 'unreachable' && atTarget.kind !== 'unreachable' && atTarget.kind !== 'ours') {
    return {
      kind: 'refuse',
      code: 'CONFLICT',
      message:
        `Another machine already answers at ${f.targetIp}, the address ${f.hostname} is to take ` +
        `(${f.hostname} itself answers at ${f.currentIp}). Pick a free target IP, or turn the other machine off.`
    }
  }

  if (atCurrent?.kind === 'maintenance' || atTarget.kind === 'maintenance') {
    const ip = atCurrent?.kind === 'maintenance' ? f.currentIp! : f.targetIp
    return {
      kind: 'run',
      startAt: fresh,
      apply: { ip, insecure: true },
      expectReboot: true,
      notes: [`${f.hostname} is in maintenance mode at ${ip}.`]
    }
  }

  if (atTarget.kind === 'foreign' || atCurrent?.kind === 'foreign') {
    const ip = atCurrent?.kind === 'foreign' ? f.currentIp! : f.targetIp
    return {
      kind: 'refuse',
      code: 'NOT_IN_MAINTENANCE',
      message:
        `The machine at ${ip} already belongs to another cluster: it is configured and refuses this instance's credentials. ` +
        `Wild Central does not take a machine over from another cluster. Reset it from its own cluster ` +
        `(or reinstall it from the boot media) so it comes up in maintenance mode, then run setup again.`
    }
  }

  // Ours but changed since (an edit sent it back to "added"): re-apply with credentials.
  if (atTarget.kind === 'ours') {
    return {
      kind: 'run',
      startAt: fresh,
      apply: { ip: f.targetIp, insecure: false },
      expectReboot: false,
      notes: [`${f.hostname} runs an older configuration from this cluster; it will be updated in place.`]
    }
  }
  if (atCurrent?.kind === 'ours') {
    return {
      kind: 'run',
      startAt: fresh,
      apply: { ip: f.currentIp!, insecure: false },
      expectReboot: false,
      notes: [`${f.hostname} answers at ${f.currentIp} and moves to ${f.targetIp} with its new configuration.`]
    }
  }

  // Nothing answers.
  if (settled) {
    return {
      kind: 'run',
      startAt: 'Wait for the node at its target address',
      apply: null,
      expectReboot: false,
      notes: [`${f.hostname} accepted its configuration before and does not answer now: probably still installing or rebooting.`]
    }
  }
  return { kind: 'run', startAt: fresh, apply: null, expectReboot: true, notes: [] }
}

/** The steps before `startAt` (after the check) are skipped, with this reason. */
export function skippedBefore(startAt: SetupStep): SetupStep[] {
  const i = SETUP_STEPS.indexOf(startAt)
  return SETUP_STEPS.slice(1, i) as SetupStep[]
}
