import { randomBytes } from 'node:crypto'
import { existsSync, promises as fs } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { currentProcess, liveness, LockOwner } from './lock-owner'

/*
 * The lock is a folder holding one file, owner-<token>.json. The protocol:
 *
 * - Acquire: build the folder complete under a private name beside the lock, then rename it
 *   onto the lock path. rename() onto a folder that has an entry fails, so the lock appears
 *   whole, with its owner, or not at all — a waiter never sees a lock without an owner (only
 *   an older version's lock, made by plain mkdir, is empty).
 * - Take over a lock whose owner is gone: unlink that owner's file — its name is unique to that
 *   one acquisition, so of two waiters that judged the same dead owner only one unlink
 *   succeeds, and neither can remove a newer lock — then rmdir the emptied folder (which fails
 *   harmlessly if another waiter has meanwhile renamed its own lock onto it) and try again.
 * - An owner that cannot be judged (another host, no /proc) is taken over the same way once
 *   the folder's mtime, refreshed by the holder, is older than the stale time.
 */

export interface HeldLock {
  readonly lockPath: string
  readonly ownerFile: string
  readonly token: string
}

/** Tokens of the locks this process holds: its own pid on a lock is live only for these. */
export const heldHere = new Set<string>()

const OWNER_FILE = /^owner-([a-z0-9-]+)\.json$/

function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException).code
}

async function ignore(p: Promise<unknown>, ...codes: string[]): Promise<void> {
  try {
    await p
  } catch (e) {
    if (!codes.includes(errno(e) ?? '')) throw e
  }
}

function tempName(lockPath: string, token: string): string {
  return join(dirname(lockPath), `${basename(lockPath)}.${token}.tmp`)
}

/** What stands at the lock path: nothing, a folder with (or without) an owner file. */
async function inspect(lockPath: string): Promise<{ ownerFile: string | null; mtimeMs: number } | null> {
  try {
    const names = await fs.readdir(lockPath)
    const ownerFile = names.find((n) => OWNER_FILE.test(n)) ?? null
    const { mtimeMs } = await fs.stat(lockPath)
    return { ownerFile, mtimeMs }
  } catch (e) {
    if (errno(e) === 'ENOENT') return null
    throw e
  }
}

async function readOwner(file: string): Promise<LockOwner | null> {
  try {
    const parsed = LockOwner.safeParse(JSON.parse(await fs.readFile(file, 'utf8')))
    return parsed.success ? parsed.data : null
  } catch (e) {
    if (errno(e) === 'ENOENT') throw e
    return null // half-written by a crash or not ours: judged by age instead
  }
}

/** Removes the lock whose owner file is `ownerFile`, and only that lock. */
async function removeLock(lockPath: string, ownerFile: string | null): Promise<void> {
  if (ownerFile) await ignore(fs.unlink(join(lockPath, ownerFile)), 'ENOENT')
  await ignore(fs.rmdir(lockPath), 'ENOENT', 'ENOTEMPTY', 'EEXIST')
}

/**
 * One attempt. Resolves the held lock, or null while a live (or not yet stale) owner holds it.
 * Any other failure (no such folder, permission, read-only) is thrown to the caller at once.
 */
export async function tryAcquire(lockPath: string, staleMs: number): Promise<HeldLock | null> {
  const token = `${process.pid}-${randomBytes(6).toString('hex')}`
  const tmp = tempName(lockPath, token)
  const ownerName = `owner-${token}.json`
  const owner: LockOwner = { ...currentProcess(), token }
  await fs.mkdir(tmp, { mode: 0o755 })
  try {
    await fs.writeFile(join(tmp, ownerName), JSON.stringify(owner) + '\n')
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        heldHere.add(token)
        await fs.rename(tmp, lockPath)
        return { lockPath, ownerFile: join(lockPath, ownerName), token }
      } catch (e) {
        heldHere.delete(token)
        // Windows answers EPERM and POSIX ENOTEMPTY/EEXIST for a folder already at the target.
        if (!['ENOTEMPTY', 'EEXIST', 'EPERM', 'EACCES'].includes(errno(e) ?? '')) throw e
        const found = await inspect(lockPath)
        if (!found) {
          if (errno(e) === 'EPERM' || errno(e) === 'EACCES') throw e
          continue // released meanwhile
        }
        let owner: LockOwner | null = null
        if (found.ownerFile) {
          try {
            owner = await readOwner(join(lockPath, found.ownerFile))
          } catch {
            continue // removed meanwhile
          }
        }
        const state = owner ? liveness(owner, heldHere) : 'unknown'
        const stale = Date.now() - found.mtimeMs > staleMs
        if (state === 'alive' || (state === 'unknown' && !stale)) return null
        await removeLock(lockPath, found.ownerFile)
      }
    }
    return null
  } finally {
    await fs.rm(tmp, { recursive: true, force: true }).catch(() => {})
  }
}

/** Gives the lock back; a lock already taken from us (see `stillHeld`) is left alone. */
export async function release(lock: HeldLock): Promise<void> {
  heldHere.delete(lock.token)
  try {
    await fs.unlink(lock.ownerFile)
  } catch {
    return
  }
  await ignore(fs.rmdir(lock.lockPath), 'ENOENT', 'ENOTEMPTY', 'EEXIST')
}

/** Whether the lock is still ours: a waiter that judged us stale (another host) removed it. */
export function stillOurs(lock: HeldLock): boolean {
  return existsSync(lock.ownerFile)
}

/** Keeps the folder's mtime fresh, so a waiter that cannot judge the owner does not take it. */
export async function touch(lock: HeldLock): Promise<boolean> {
  if (!stillOurs(lock)) return false
  const now = new Date()
  await ignore(fs.utimes(lock.lockPath, now, now), 'ENOENT')
  return stillOurs(lock)
}

/** Private folders of acquisitions killed before their rename; removed when their owner is gone. */
export async function sweepTemps(lockPath: string): Promise<void> {
  const prefix = `${basename(lockPath)}.`
  const names = await fs.readdir(dirname(lockPath)).catch(() => [] as string[])
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue
    const dir = join(dirname(lockPath), name)
    const files = await fs.readdir(dir).catch(() => [] as string[])
    const ownerFile = files.find((n) => OWNER_FILE.test(n))
    const owner = ownerFile ? await readOwner(join(dir, ownerFile)).catch(() => null) : null
    // Our own are acquisitions in flight in this process, never leftovers.
    if (owner?.pid === process.pid) continue
    const age = await fs.stat(dir).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0
    )
    if ((owner && liveness(owner, heldHere) === 'dead') || (!owner && age > 60_000)) {
      await fs.rm(dir, { recursive: true, force: true }).catch(() => {})
    }
  }
}
