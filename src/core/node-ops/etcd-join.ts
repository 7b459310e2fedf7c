import type { EtcdMembers } from '../../shared/contract/node-ops'
import { AppError } from '../../shared/errors'
import type { LifecycleTiming } from '../cluster/timing'
import { formatDuration, pollUntil } from '../cluster/wait'
import type { NodeRecord } from '../nodes/model'
import type { OperationHandle } from '../operations/types'
import type { TalosRunner } from '../talos/runner'
import { describeMembers, listMembers, memberOf } from './members'
import type { NodeRef } from './resolve'
import { createNodeTalos } from './talos-node'

/**
 * The etcd membership check of setup for control planes two and three: the member list is read
 * before the configuration is applied and again until the new node shows in it. A node that
 * answers but never joins fails setup with both lists, not a silent "ready".
 */

/** The control planes already in the cluster that can be asked (set up, not this one). */
export function joinedControlPlanes(nodes: readonly NodeRecord[], hostname: string): NodeRef[] {
  return nodes
    .filter((n) => n.role === 'controlplane' && n.deployed && n.targetIp && n.hostname !== hostname)
    .map((n) => ({ hostname: n.hostname, ip: n.targetIp!, role: 'controlplane' as const }))
}

export function createEtcdJoin(runner: TalosRunner, talosconfig: string, timing: LifecycleTiming, others: NodeRef[]) {
  const talos = createNodeTalos(runner)
  let before: EtcdMembers | null = null
  return {
    /** Before the apply; a failure only loses the "before" list. */
    async recordBefore(op: OperationHandle): Promise<void> {
      try {
        before = await listMembers({ talos, talosconfig, signal: op.signal }, others, { health: false })
        op.log(`etcd members before (asked ${before.from}): ${describeMembers(before)}`)
      } catch (e) {
        if (op.signal.aborted) throw e
        op.log(`Could not read the etcd members before the apply: ${(e as Error).message}`)
      }
    },
    async waitForMember(n: NodeRef, op: OperationHandle): Promise<EtcdMembers> {
      op.message(`Waiting for ${n.hostname} to join etcd…`)
      let last: EtcdMembers | null = null
      const after = await pollUntil(
        async () => {
          last = await listMembers({ talos, talosconfig, signal: op.signal }, others, { health: false }).catch((e: unknown) => {
            if (op.signal.aborted) throw e
            return last
          })
          return last && memberOf(last.members, n) ? last : undefined
        },
        {
          intervalMs: timing.pollMs,
          timeoutMs: timing.rebootTimeoutMs,
          signal: op.signal,
          onTimeout: (ms) =>
            new AppError(
              'CONFLICT',
              `${n.hostname} answers, but it did not join etcd within ${formatDuration(ms)}: the member list` +
                `${last ? ` (asked ${last.from}) shows ${describeMembers(last)}` : ' could not be read'}` +
                `${before ? `, before the apply it showed ${describeMembers(before)}` : ''}. ` +
                `Look at its etcd log (wild node logs ${n.hostname} etcd), fix what it says, then run setup again.`
            )
        }
      )
      op.log(`etcd members after (asked ${after.from}): ${describeMembers(after)}`)
      if (before && after.members.length !== before.members.length + 1 && !memberOf(before.members, n)) {
        op.log(`Note: the member count went from ${before.members.length} to ${after.members.length}.`)
      }
      return after
    }
  }
}
