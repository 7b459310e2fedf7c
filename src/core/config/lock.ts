import { dirname } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { AppError } from '../../shared/errors'
import { release, stillOurs, sweepTemps, touch, tryAcquire, type HeldLock } from './lock-dir'

export interface LockOptions {
  /** Give up with BUSY after this long. */
  waitMs?: number
  /**
   * A lock whose owner cannot be judged (another host, no /proc) and that its holder stopped
   * refreshing is taken over after this long. A lock of a process on this machine that is gone
   * is taken over at once.
   */
  staleMs?: number
  /** Held for: names the resource in the BUSY message. */
  what?: string
}

// In-process queue per lock file: a promise chain hands the lock over in order, without polling.
const queues = new Map<string, Promise<unknown>>()

/** A failure to lock that waiting cannot cure: said at once, with what to do about it. */
function cannotLock(e: unknown, lockPath: string, what: string): unknown {
  const code = (e as NodeJS.ErrnoException).code
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new AppError('NOT_FOUND', `${what} cannot be locked: the folder ${dirname(lockPath)} does not exist. Check the instance with: wild instance list`)
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new AppError(
      'IO',
      `${what} cannot be locked: ${dirname(lockPath)} is not writable (${code}). Check the data folder's owner and mode, or choose another data folder.`
    )
  }
  return e
}

async function acquire(lockPath: string, opts: Required<LockOptions>): Promise<HeldLock> {
  const deadline = Date.now() + opts.waitMs
  let delay = 5
  for (;;) {
    let lock: HeldLock | null
    try {
      lock = await tryAcquire(lockPath, opts.staleMs)
    } catch (e) {
      throw cannotLock(e, lockPath, opts.what)
    }
    if (lock) return lock
    if (Date.now() >= deadline) {
      throw new AppError('BUSY', `${opts.what} is locked by another Wild Central process (the app or the wild CLI). ` + `Wait for it to finish and try again.`)
    }
    // Jitter spreads two processes that collide, so neither starves.
    await sleep(delay + Math.random() * delay)
    delay = Math.min(delay * 1.5, 100)
  }
}

/**
 * Runs `fn` holding the lock at `lockPath`: one holder at a time within this process and across
 * processes (see lock-dir.ts). `fn` receives `stillHeld()` to check before committing a write.
 */
export async function withLock<T>(lockPath: string, fn: (stillHeld: () => void) => Promise<T>, options: LockOptions = {}): Promise<T> {
  const opts = {
    waitMs: options.waitMs ?? 30_000,
    staleMs: Math.max(options.staleMs ?? 10_000, 2_000),
    what: options.what ?? 'The instance'
  }
  const previous = queues.get(lockPath) ?? Promise.resolve()
  let done!: () => void
  const mine = new Promise<void>((r) => (done = r))
  const tail = previous.then(() => mine)
  queues.set(lockPath, tail)
  try {
    await previous
    const lock = await acquire(lockPath, opts)
    let lost = false
    const refresh = setInterval(() => {
      touch(lock).then(
        (ours) => (lost ||= !ours),
        () => {}
      )
    }, opts.staleMs / 2)
    refresh.unref()
    try {
      await sweepTemps(lockPath)
      return await fn(() => {
        if (lost || !stillOurs(lock)) {
          throw new AppError('BUSY', `${opts.what} lock was taken over by another process while working; nothing was written. Try again.`)
        }
      })
    } finally {
      clearInterval(refresh)
      await release(lock).catch(() => {})
    }
  } finally {
    done()
    if (queues.get(lockPath) === tail) queues.delete(lockPath)
  }
}
