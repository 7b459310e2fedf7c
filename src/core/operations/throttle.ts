export interface Timers {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout)
}

export interface Throttle {
  /** Runs now if the last run is at least `intervalMs` ago, else once at the end of the window. */
  request(): void
  /** Runs now, dropping a scheduled run: for final states that must not wait. */
  flush(): void
  /** Drops a scheduled run. */
  cancel(): void
}

/**
 * Leading-and-trailing throttle: the first change is seen at once, a burst collapses into one
 * trailing run that carries the latest state, and no window sees more than one run.
 */
export function createThrottle(fn: () => void, intervalMs: number, timers: Timers = realTimers): Throttle {
  let last = Number.NEGATIVE_INFINITY
  let handle: unknown = null
  const fire = () => {
    handle = null
    last = timers.now()
    fn()
  }
  return {
    request() {
      if (handle !== null) return
      const wait = last + intervalMs - timers.now()
      if (wait <= 0) fire()
      else handle = timers.setTimeout(fire, wait)
    },
    flush() {
      if (handle !== null) timers.clearTimeout(handle)
      fire()
    },
    cancel() {
      if (handle !== null) timers.clearTimeout(handle)
      handle = null
    }
  }
}

/**
 * Serialises an async write so at most one runs at a time; requests made while one runs collapse
 * into a single follow-up write that sees the newest state.
 */
export function createCoalescingWriter(write: () => Promise<void>) {
  let running: Promise<void> | null = null
  let again = false
  const loop = async () => {
    do {
      again = false
      await write()
    } while (again)
  }
  return {
    write(): Promise<void> {
      if (running) {
        again = true
        return running
      }
      running = loop().finally(() => {
        running = null
      })
      return running
    },
    /** Resolves when no write is in flight. */
    async idle(): Promise<void> {
      while (running) await running.catch(() => undefined)
    }
  }
}
