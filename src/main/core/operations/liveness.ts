import type { Owner } from './store'

/** A running op rewrites its file this often, so a stale file means its owner is gone or stuck. */
export const HEARTBEAT_MS = 10_000
export const STALE_AFTER_MS = 3 * HEARTBEAT_MS

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Whether a pending/running op on disk is still being worked on by someone. Ops of this process
 * are live exactly when a registry here holds them; another process's op is live while its pid
 * answers and its heartbeat is fresh (a reused pid alone does not keep an op alive for ever).
 */
export function ownerIsLive(input: {
  owner: Owner | null
  heldHere: boolean
  ownPid: number
  now: number
  alive: (pid: number) => boolean
}): boolean {
  if (input.heldHere) return true
  const { owner } = input
  if (!owner || owner.pid === input.ownPid) return false
  if (input.now - owner.heartbeatAt > STALE_AFTER_MS) return false
  return input.alive(owner.pid)
}
