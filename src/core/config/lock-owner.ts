import { createHash } from 'node:crypto'
import { readFileSync, readlinkSync } from 'node:fs'
import { hostname } from 'node:os'
import { z } from 'zod'

/**
 * Who holds a lock, written into the lock folder so a waiter can tell a killed holder from a
 * live one at once instead of waiting for the lock to go stale.
 */
export const LockOwner = z.object({
  pid: z.number().int().positive(),
  hostname: z.string(),
  /** Linux: field 22 of /proc/<pid>/stat (clock ticks after boot); a reused pid has another. */
  startTime: z.string().nullable(),
  /** Same host name alone does not prove the same kernel: a container or another machine. */
  bootId: z.string().nullable(),
  pidNamespace: z.string().nullable(),
  /** Unique per acquisition: names the owner file, so a takeover removes exactly this lock. */
  token: z.string().regex(/^[a-z0-9-]+$/)
})
export type LockOwner = z.infer<typeof LockOwner>

export type Liveness = 'alive' | 'dead' | 'unknown'

function readOrNull(read: () => string): string | null {
  try {
    return read().trim() || null
  } catch {
    return null
  }
}

/** Start time and state of a process from /proc; null when there is no such process. */
export function procStat(pid: number): { startTime: string; state: string } | null | 'unreadable' {
  let text: string
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    return code === 'ENOENT' || code === 'ESRCH' ? null : 'unreadable'
  }
  // The command name (field 2) may hold spaces and parentheses: count fields after the last ")".
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ')
  const state = rest[0]
  const startTime = rest[19]
  if (!state || !startTime || !/^\d+$/.test(startTime)) return 'unreadable'
  return { startTime, state }
}

let self: Omit<LockOwner, 'token'> | undefined

/** This process, as a lock owner (computed once: none of it changes while it runs). */
export function currentProcess(): Omit<LockOwner, 'token'> {
  if (!self) {
    const stat = process.platform === 'linux' ? procStat(process.pid) : null
    self = {
      pid: process.pid,
      hostname: hostname(),
      startTime: stat && stat !== 'unreadable' ? stat.startTime : null,
      bootId: readOrNull(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8')),
      pidNamespace: readOrNull(() => readlinkSync('/proc/self/ns/pid'))
    }
  }
  return self
}

/**
 * Whether the owner of a lock still runs. Only an owner on this very kernel and pid namespace
 * can be judged; for any other (another host, macOS, Windows) the answer is "unknown" and the
 * caller falls back to the lock's age. `heldHere` are the tokens this process holds right now.
 */
export function liveness(owner: LockOwner, heldHere: ReadonlySet<string>): Liveness {
  const me = currentProcess()
  if (
    owner.hostname !== me.hostname ||
    owner.startTime === null ||
    me.startTime === null ||
    owner.bootId !== me.bootId ||
    owner.pidNamespace !== me.pidNamespace
  ) {
    return 'unknown'
  }
  if (owner.pid === me.pid) {
    // Our own pid: held if we hold that token; otherwise a lock this process (or an earlier
    // process with our pid) failed to remove.
    return heldHere.has(owner.token) ? 'alive' : 'dead'
  }
  const stat = procStat(owner.pid)
  if (stat === 'unreadable') return 'unknown'
  // A zombie (killed, not yet reaped by its parent) holds nothing any more.
  if (stat === null || stat.state === 'Z' || stat.state === 'X') return 'dead'
  return stat.startTime === owner.startTime ? 'alive' : 'dead'
}

/** This machine (host, boot, pid namespace) in 8 hex digits, for names that carry an owner. */
function machineTag(o: Pick<LockOwner, 'hostname' | 'bootId' | 'pidNamespace'>): string {
  return createHash('sha256').update(`${o.hostname}\n${o.bootId}\n${o.pidNamespace}`).digest('hex').slice(0, 8)
}

/**
 * An owner packed into a file name ("<machine>.<pid>.<start>"), for things that must carry
 * their owner from the instant they exist, before any file could be written into them.
 */
export function ownerTag(pid = process.pid, startTime = currentProcess().startTime): string {
  return `${machineTag(currentProcess())}.${pid}.${startTime ?? 'x'}`
}

/** Liveness of the owner named by an ownerTag; "unknown" for another machine or a bad tag. */
export function tagLiveness(tag: string): Liveness {
  const m = /^([0-9a-f]{8})\.(\d+)\.(\d+|x)$/.exec(tag)
  if (!m || m[3] === 'x' || m[1] !== machineTag(currentProcess())) return 'unknown'
  const me = currentProcess()
  const pid = Number(m[2])
  // Our own pid: ours (in flight) if it started when we did, else an earlier process's.
  if (pid === me.pid) return m[3] === me.startTime ? 'alive' : 'dead'
  return liveness({ ...me, pid, startTime: m[3]!, token: 'tag' }, new Set())
}
