import { AppError } from '../../shared/errors'
import type { NodeRecord } from '../nodes/model'

/**
 * Pure decisions of bootstrap: which node, and what a failed attempt means. Bootstrap happens
 * exactly once, on one control-plane node, never on a worker (operator journey §8).
 */

export type BootstrapOutcome = 'done' | 'retry' | 'fail'

const NOT_YET = /time is not in sync yet|bootstrap is not available yet/i

/** AlreadyExists means it was done; "not yet" answers and a restarting apid are retried quietly. */
export function bootstrapOutcome(e: unknown): BootstrapOutcome {
  if (!(e instanceof AppError)) return 'fail'
  if (e.code === 'ALREADY_BOOTSTRAPPED') return 'done'
  const tail = String((e.details as { stderrTail?: string } | undefined)?.stderrTail ?? '')
  if (NOT_YET.test(e.message) || NOT_YET.test(tail)) return 'retry'
  if (e.code === 'NODE_UNREACHABLE' || e.code === 'TIMEOUT') return 'retry'
  return 'fail'
}

export function chooseBootstrapNode(nodes: readonly NodeRecord[], hostname?: string): NodeRecord {
  let n: NodeRecord | undefined
  if (hostname) {
    n = nodes.find((x) => x.hostname === hostname)
    if (!n) throw new AppError('NOT_FOUND', `There is no node "${hostname}". List the nodes with: wild node list`)
    if (n.role !== 'controlplane') {
      throw new AppError(
        'VALIDATION',
        `${hostname} is a worker. Bootstrap runs once, on a control-plane node: name one of ` +
          `${
            nodes
              .filter((x) => x.role === 'controlplane')
              .map((x) => x.hostname)
              .join(', ') || '(none yet)'
          }.`
      )
    }
  } else {
    const cps = nodes.filter((x) => x.role === 'controlplane')
    n = cps.find((x) => x.deployed) ?? cps[0]
    if (!n) throw new AppError('VALIDATION', 'There is no control-plane node yet. Add one and set it up, then bootstrap.')
  }
  if (!n.deployed || !n.targetIp) {
    throw new AppError('VALIDATION', `${n.hostname} is not set up yet (state: ${n.state}). Run setup first: wild node setup ${n.hostname}`)
  }
  return n
}

/** Endpoints for the talosconfig: the chosen node first, then the other set-up control planes. */
export function controlPlaneEndpoints(nodes: readonly NodeRecord[], first: NodeRecord): string[] {
  const rest = nodes.filter((x) => x.role === 'controlplane' && x.deployed && x.targetIp && x.hostname !== first.hostname)
  return [first.targetIp!, ...rest.map((x) => x.targetIp!)]
}

/** The nodes `talosctl health` should expect, by role. */
export function healthNodes(nodes: readonly NodeRecord[]): { controlPlane: string[]; workers: string[] } {
  const up = nodes.filter((x) => x.deployed && x.targetIp)
  return {
    controlPlane: up.filter((x) => x.role === 'controlplane').map((x) => x.targetIp!),
    workers: up.filter((x) => x.role === 'worker').map((x) => x.targetIp!)
  }
}
