import { setTimeout as sleepTimer } from 'node:timers/promises'
import { AppError } from '../../shared/errors'

/** Sleeps, or rejects with CANCELLED the moment the signal aborts. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await sleepTimer(ms, undefined, { signal })
  } catch {
    throw cancelled()
  }
}

export function cancelled(): AppError {
  return new AppError('CANCELLED', 'The job was cancelled.')
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw cancelled()
}

export interface PollOptions {
  intervalMs: number
  timeoutMs: number
  signal?: AbortSignal
  /** Called once when the wait has taken `slowAfterMs`. */
  slowAfterMs?: number
  onSlow?: (elapsedMs: number) => void
  /** The error when the time is up. */
  onTimeout: (elapsedMs: number) => AppError
  now?: () => number
}

/**
 * Looks until `look` returns a value (not undefined), at a fixed interval; cancellable at any
 * moment; a slow wait is reported once, a wait past its limit fails with the caller's advice.
 */
export async function pollUntil<T>(look: () => Promise<T | undefined>, o: PollOptions): Promise<T> {
  const now = o.now ?? Date.now
  const start = now()
  let warned = false
  for (;;) {
    throwIfAborted(o.signal)
    const found = await look()
    if (found !== undefined) return found
    const elapsed = now() - start
    if (!warned && o.slowAfterMs !== undefined && elapsed >= o.slowAfterMs) {
      warned = true
      o.onSlow?.(elapsed)
    }
    if (elapsed >= o.timeoutMs) throw o.onTimeout(elapsed)
    await sleep(o.intervalMs, o.signal)
  }
}

/** "2 min 5 s", "40 s" */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  return s % 60 ? `${m} min ${s % 60} s` : `${m} min`
}
