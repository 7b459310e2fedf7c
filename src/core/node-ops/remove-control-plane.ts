import type { EtcdMember, EtcdMembers } from '../../shared/contract/node-ops'
import { AppError } from '../../shared/errors'
import type { OperationHandle } from '../operations/types'
import { describeMembers, listMembers, memberOf, type MembersCall } from './members'
import { checkRemoval } from './quorum'
import type { NodeRef } from './resolve'
import type { NodeTalos } from './talos-node'

/**
 * Removing a control plane: its etcd member goes first (etcd leave on the node when it is
 * healthy, else remove-member from another control plane), and only when the members left keep a
 * healthy majority. Then the machine is reset (best effort: a dead machine cannot be) and the
 * node leaves the instance.
 */

export const REMOVE_CP_STEPS = ['Check etcd members', 'Remove the etcd member', 'Check the member list', 'Reset the machine', 'Remove from the instance']

export interface RemoveCpDeps extends MembersCall {
  talos: Pick<NodeTalos, 'etcdMembers' | 'services' | 'etcdLeave' | 'etcdRemoveMember'>
  /** The other control planes of the instance, asked for the member list. */
  others: NodeRef[]
  reset(ip: string, signal: AbortSignal): Promise<void>
  forget(): Promise<void>
}

export interface RemoveCpResult {
  before: EtcdMembers
  after: EtcdMembers | null
}

export async function runRemoveControlPlane(d: RemoveCpDeps, n: NodeRef, op: OperationHandle): Promise<RemoveCpResult> {
  const c: MembersCall = { talos: d.talos, talosconfig: d.talosconfig, signal: op.signal }
  let member: EtcdMember | undefined
  const before = await op.step('Check etcd members', async () => {
    const list = await listMembers(c, d.others.length ? d.others : [n], { health: true })
    op.log(`etcd members before (asked ${list.from}): ${describeMembers(list)}`)
    member = memberOf(list.members, n)
    if (!member) {
      op.log(`${n.hostname} is not an etcd member: there is nothing to remove from etcd.`)
      return list
    }
    const verdict = checkRemoval(list.members, member)
    if (!verdict.ok) throw new AppError('CONFLICT', verdict.reason)
    op.log(verdict.note)
    return list
  })
  let after: EtcdMembers | null = null
  if (member) {
    const m = member
    await op.step('Remove the etcd member', async () => {
      const from = before.from === n.hostname ? n : (d.others.find((o) => o.hostname === before.from) ?? n)
      if (m.healthy) {
        op.message(`${n.hostname} leaves etcd…`)
        await d.talos.etcdLeave({ target: { node: n.ip, talosconfig: d.talosconfig }, signal: op.signal })
      } else {
        op.message(`Removing the member ${m.id} of ${n.hostname} through ${from.hostname} (the node itself is not healthy)…`)
        await d.talos.etcdRemoveMember({ target: { node: from.ip, talosconfig: d.talosconfig }, id: m.id, signal: op.signal })
      }
    })
    after = await op.step('Check the member list', async () => {
      const list = await listMembers(c, d.others, { health: false })
      op.log(`etcd members after (asked ${list.from}): ${describeMembers(list)}`)
      if (memberOf(list.members, n)) {
        throw new AppError(
          'CONFLICT',
          `${n.hostname} is still an etcd member after its removal (asked ${list.from}). Look at etcd's log: wild node logs ${list.from} etcd`
        )
      }
      return list
    })
  } else {
    op.skip('Remove the etcd member', 'Not a member.')
    op.skip('Check the member list', 'Not a member.')
  }
  op.progress(60)
  await op.step('Reset the machine', async () => {
    try {
      await d.reset(n.ip, op.signal)
    } catch (e) {
      if (op.signal.aborted || !(e instanceof AppError) || !['NODE_UNREACHABLE', 'TIMEOUT'].includes(e.code)) throw e
      op.log(`${n.hostname} does not answer, so it was not reset. Wipe it before it boots again, or it will try to rejoin: ${e.message}`)
    }
  })
  await op.step('Remove from the instance', () => d.forget())
  op.message(`${n.hostname} was removed: etcd has ${after ? after.members.length : before.members.length} members.`)
  return { before, after }
}
