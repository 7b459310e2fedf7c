import { promises as fs } from 'node:fs'
import { dirname } from 'node:path'
import lockfile from 'proper-lockfile'
import { AppError } from '../../../shared/errors'

export interface LockOptions {
  /** Give up with BUSY after this long. */
  waitMs?: number
  /**
   * A lock whose holder stopped refreshing it (a crashed or killed process) is taken over after
   * this long. proper-lockfile's minimum is 2 s.
   */
  staleMs?: number
  /** Held for: names the resource in the BUSY message. */
  what?: string
}

// In-process queue per lock file: proper-lockfile would refuse a second holder in the same
// process (ELOCKED) and make it poll; a promise chain hands the lock over in order instead.
const queues = new Map<string, Promise<unknown>>()

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}

async function acquire(lockPath: string, opts: Required<Omit<LockOptions, 'what'>> & { what: string }) {
  const deadline = Date.now() + opts.waitMs
  const state = { compromised: null as Error | null }
  let delay = 5
  for (;;) {
    try {
      await fs.mkdir(dirname(lockPath), { recursive: true })
      const release = await lockfile.lock(lockPath, {
        realpath: false,
        lockfilePath: lockPath,
        stale: opts.staleMs,
        retries: 0,
        // The default throws from a timer and kills the process; a write checks this instead.
        onCompromised: (err) => {
          state.compromised = err
        }
      })
      return { release, state }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e
      if (Date.now() >= deadline) {
        throw new AppError(
          'BUSY',
          `${opts.what} is locked by another Wild Central process (the app or the wild CLI). ` +
            `Wait for it to finish and try again.`
        )
      }
      // Jitter spreads two processes that collide, so neither starves.
      await sleep(delay + Math.random() * delay)
      delay = Math.min(delay * 1.5, 100)
    }
  }
}

/**
 * Runs `fn` holding the lock at `lockPath`: one holder at a time within this process and across
 * processes (a lock folder created with mkdir, refreshed while held, taken over when stale).
 * `fn` receives `stillHeld()` to check before committing a write.
 */
export async function withLock<T>(
  lockPath: string,
  fn: (stillHeld: () => void) => Promise<T>,
  options: LockOptions = {}
): Promise<T> {
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
    const { release, state } = await acquire(lockPath, opts)
    try {
      return await fn(() => {
        if (state.compromised) {
          throw new AppError(
            'BUSY',
            `${opts.what} lock was lost while working (${state.compromised.message}); nothing was written. Try again.`
          )
        }
      })
    } finally {
      await release().catch(() => {})
    }
  } finally {
    done()
    if (queues.get(lockPath) === tail) queues.delete(lockPath)
  }
}
