import type { EtcdMember, EtcdMembers } from '../../shared/contract/node-ops'
import { AppError } from '../../shared/errors'
import type { NodeRef } from './resolve'
import type { NodeTalos } from './talos-node'

/**
 * The etcd member list as seen from a control plane, with each member's health (its etcd
 * service Running and OK in `talosctl services`). The list is asked of the first control plane
 * that answers; a member that does not answer is unhealthy.
 */

export interface MembersCall {
  talos: Pick<NodeTalos, 'etcdMembers' | 'services'>
  talosconfig: string
  signal?: AbortSignal
}

/** The address in a member's client URL (https://10.0.0.5:2379). */
export function memberIp(m: Pick<EtcdMember, 'clientUrls' | 'peerUrls'>): string | null {
  const url = m.clientUrls[0] ?? m.peerUrls[0]
  const match = url ? /^https?:\/\/\[?([^\]/]+?)\]?:\d+/.exec(url) : null
  return match?.[1] ?? null
}

/** The member of a node: by hostname, else by address. */
export function memberOf(members: readonly EtcdMember[], n: Pick<NodeRef, 'hostname' | 'ip'>): EtcdMember | undefined {
  return members.find((m) => m.hostname === n.hostname) ?? members.find((m) => memberIp(m) === n.ip)
}

export async function etcdHealthy(c: MembersCall, ip: string): Promise<boolean> {
  try {
    const list = await c.talos.services({ target: { node: ip, talosconfig: c.talosconfig }, signal: c.signal })
    const etcd = list.find((s) => s.service === 'etcd')
    return etcd?.state === 'Running' && etcd.health === 'OK'
  } catch (e) {
    if (c.signal?.aborted) throw e
    return false
  }
}

/** Asks the control planes in turn; the first answer is the list. */
export async function listMembers(c: MembersCall, askable: readonly NodeRef[], o: { health: boolean }): Promise<EtcdMembers> {
  let first: unknown
  for (const cp of askable) {
    try {
      const raw = await c.talos.etcdMembers({ target: { node: cp.ip, talosconfig: c.talosconfig }, signal: c.signal })
      const members: EtcdMember[] = []
      for (const m of raw) {
        const ip = memberIp(m)
        members.push({ ...m, healthy: o.health && ip ? await etcdHealthy(c, ip) : null })
      }
      return { from: cp.hostname, members }
    } catch (e) {
      if (c.signal?.aborted) throw e
      first ??= e
    }
  }
  if (first instanceof AppError) {
    throw new AppError(
      first.code,
      `No control plane answered with the etcd member list (${askable.map((n) => n.hostname).join(', ')}): ${first.message}`,
      first.details
    )
  }
  throw new AppError('VALIDATION', 'There is no set-up control plane to ask for the etcd member list. Set one up and bootstrap first.')
}

export const describeMembers = (l: EtcdMembers): string =>
  l.members.length ? l.members.map((m) => `${m.hostname}${m.healthy === false ? ' (not healthy)' : ''}`).join(', ') : 'none'
