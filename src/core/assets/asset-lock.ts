import { promises as fs } from 'node:fs'
import { dirname } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { z } from 'zod'
import { AppError } from '../../shared/errors'
import { withLock } from '../config/lock'
import { ensureDir, readJsonFile, writeJsonAtomically } from '../fs-safe'
import { cancelled } from './http'

/** Who holds an asset's lock, written beside it so a waiting process can name the operation. */
export const LockOwner = z.object({
  operationId: z.string().nullable(),
  pid: z.number().int(),
  since: z.string()
})
export type LockOwner = z.infer<typeof LockOwner>

export interface AssetLockOptions {
  /** The operation taking the lock (null for a plain command such as delete). */
  operationId: string | null
  signal: AbortSignal
  /** false: fail at once with BUSY naming the holder, instead of waiting for it. */
  wait: boolean
  /** Called when a wait starts and whenever the holder changes. */
  onWait?: (owner: LockOwner | null) => void
  /** For messages: "talos.iso". */
  what: string
}

// A try at the cross-process lock lasts this long; between tries the cancel signal is checked,
// so a waiting download stays cancellable however long the holder takes.
const TRY_MS = 1000
const STALE_MS = 10_000

export const lockPathFor = (dest: string) => `${dest}.lock`
const ownerPathFor = (dest: string) => `${dest}.lock-owner.json`

interface Held {
  owner: LockOwner
  done: Promise<void>
}
/** Holders in this process: they wait on a promise (cancellable) rather than in withLock's queue. */
const local = new Map<string, Held>()

export function describeOwner(owner: LockOwner | null): string {
  if (!owner) return 'another Wild Central process'
  const who = owner.pid === process.pid ? 'this process' : `process ${owner.pid}`
  return owner.operationId ? `operation ${owner.operationId} (${who})` : who
}

/**
 * Runs `fn` as the only writer of one asset file, across the app and every `wild` process: a
 * lock next to the file (config/lock's withLock). A second writer waits for the first and then
 * sees what it left (usually a complete file), or with `wait: false` gets BUSY naming it.
 */
export async function withAssetLock<T>(dest: string, o: AssetLockOptions, fn: (stillHeld: () => void) => Promise<T>): Promise<T> {
  const lockPath = lockPathFor(dest)
  // The lock lives beside the file; its set's folder may not exist yet (nothing downloaded).
  await ensureDir(dirname(dest))
  let lastSeen: string | undefined
  const blocked = (owner: LockOwner | null) => {
    if (!o.wait) {
      throw new AppError('BUSY', `${o.what} is being downloaded by ${describeOwner(owner)}. Wait for it or cancel it first.`, {
        operationId: owner?.operationId ?? null
      })
    }
    const key = JSON.stringify(owner)
    if (key !== lastSeen) o.onWait?.(owner)
    lastSeen = key
  }
  for (;;) {
    if (o.signal.aborted) throw cancelled()
    const other = local.get(lockPath)
    if (other) {
      blocked(other.owner)
      await untilDone(other.done, o.signal)
      continue
    }
    const owner: LockOwner = { operationId: o.operationId, pid: process.pid, since: new Date().toISOString() }
    let release!: () => void
    const mine: Held = { owner, done: new Promise<void>((r) => (release = r)) }
    local.set(lockPath, mine)
    let entered = false
    try {
      return await withLock(
        lockPath,
        async (stillHeld) => {
          entered = true
          await writeJsonAtomically(ownerPathFor(dest), owner)
          try {
            return await fn(stillHeld)
          } finally {
            await fs.rm(ownerPathFor(dest), { force: true })
          }
        },
        { waitMs: o.wait ? TRY_MS : 0, staleMs: STALE_MS, what: o.what }
      )
    } catch (e) {
      // BUSY from taking the lock means another process holds it; anything else is fn's own.
      if (entered || !(e instanceof AppError && e.code === 'BUSY')) throw e
    } finally {
      if (local.get(lockPath) === mine) local.delete(lockPath)
      release()
    }
    blocked(await readOwner(dest))
    try {
      await sleep(50, undefined, { signal: o.signal })
    } catch {
      throw cancelled()
    }
  }
}

async function readOwner(dest: string): Promise<LockOwner | null> {
  const raw = await readJsonFile(ownerPathFor(dest)).catch(() => undefined)
  const parsed = LockOwner.safeParse(raw)
  return parsed.success ? parsed.data : null
}

function untilDone(done: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(cancelled())
    signal.addEventListener('abort', onAbort, { once: true })
    void done.then(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    })
  })
}
