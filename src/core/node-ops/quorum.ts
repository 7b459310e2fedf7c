import type { EtcdMember } from '../../shared/contract/node-ops'

/** Members needed for quorum among `n`: a majority. */
export const quorumOf = (n: number): number => Math.floor(n / 2) + 1

export type RemovalVerdict = { ok: true; note: string } | { ok: false; reason: string }

/**
 * Whether removing `target` keeps etcd writable: the members left must still have a healthy
 * majority. A member whose health is unknown counts as unhealthy: guessing wrong loses the cluster.
 */
export function checkRemoval(members: readonly EtcdMember[], target: EtcdMember): RemovalVerdict {
  const rest = members.filter((m) => m.id !== target.id)
  if (rest.length === 0) {
    return { ok: false, reason: `${target.hostname} is the only etcd member: removing it would end the cluster. Reset the cluster instead.` }
  }
  const healthy = rest.filter((m) => m.healthy === true)
  const need = quorumOf(rest.length)
  if (healthy.length < need) {
    const sick = rest.filter((m) => m.healthy !== true).map((m) => m.hostname)
    return {
      ok: false,
      reason:
        `Removing ${target.hostname} would leave ${healthy.length} of ${rest.length} etcd members healthy, below the ${need} needed for quorum ` +
        `(not healthy: ${sick.join(', ')}). Bring ${sick.length === 1 ? 'it' : 'them'} back first` +
        (target.healthy === true ? `, or remove ${sick.length === 1 ? 'that member' : 'those members'} instead.` : '.')
    }
  }
  return { ok: true, note: `After removing ${target.hostname}: ${healthy.length} of ${rest.length} members healthy (quorum ${need}).` }
}
