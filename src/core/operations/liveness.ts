import type { Owner } from './store'

/** A running op rewrites its file this often, so a stale file means its owner is gone or stuck. */
export const HEARTBEAT_MS = 10_000
/** Missing this many heartbeats in a row makes an owner silent. */
export const STALE_HEARTBEATS = 3
export const STALE_AFTER_MS = STALE_HEARTBEATS * HEARTBEAT_MS

/**
 * WILD_OPS_HEARTBEAT_MS: a shorter heartbeat for tests and the simulated lab. The owner writes
 * the interval into its op file, so a reader judges each owner by the promise it made.
 */
export function heartbeatMsFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const ms = Number(env.WILD_OPS_HEARTBEAT_MS)
  return Number.isInteger(ms) && ms >= 50 && ms <= 600_000 ? ms : undefined
}

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
 * Why a pending/running op on disk is no longer being worked on, or null while it is. Ops of
 * this process are live exactly when a registry here holds them; another process's op is live
 * while its pid answers and its heartbeat is fresh.
 *
 * A silent owner whose pid still answers is declared gone too: a SIGSTOPped, suspended or hung
 * process looks exactly like that, and none of them makes progress. The operator must be able
 * to retry without waiting for an owner that may never wake; one that does wake finds its op
 * declared interrupted and stops (see live-operation.ts). A reused pid alone therefore never
 * keeps an op alive either.
 */
export function whyAbandoned(input: { owner: Owner | null; heldHere: boolean; ownPid: number; now: number; alive: (pid: number) => boolean }): string | null {
  if (input.heldHere) return null
  const { owner } = input
  if (!owner) return 'no process owns it any more'
  if (owner.pid === input.ownPid) return `its owner (pid ${owner.pid}, an earlier run of this process id) is gone`
  if (!input.alive(owner.pid)) return `its owner (pid ${owner.pid}) is no longer running`
  const silentMs = input.now - owner.heartbeatAt
  if (silentMs > STALE_HEARTBEATS * (owner.heartbeatMs ?? HEARTBEAT_MS)) {
    return `its owner (pid ${owner.pid}) sent no heartbeat for ${Math.round(silentMs / 1000)} s (stopped, suspended or hung)`
  }
  return null
}
