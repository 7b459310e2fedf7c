import { useEffect } from 'react'

/** Runs `f` at the next idle moment (at the latest after 2 s); returns the handle for cancelIdle. */
export function whenIdle(f: () => void): number {
  return window.requestIdleCallback ? window.requestIdleCallback(f, { timeout: 2000 }) : window.setTimeout(f, 50)
}

export function cancelIdle(handle: number): void {
  if (window.cancelIdleCallback) window.cancelIdleCallback(handle)
  window.clearTimeout(handle)
}

/**
 * After the first paint, loads the given chunks one per idle moment, so opening a screen later
 * does not stall on compiling its code (a 60–80 ms task for Nodes, measured in
 * bench/nodes-screen.bench.ts) and each chunk's compile stays a task of its own.
 */
export function usePrefetch(loaders: readonly (() => Promise<unknown>)[]): void {
  useEffect(() => {
    const queue = [...loaders]
    let handle = 0
    const next = () => {
      const load = queue.shift()
      if (!load) return
      // A failed prefetch costs nothing: the screen loads again when opened, and its error boundary says what failed.
      load()
        .catch(() => undefined)
        .finally(() => {
          if (queue.length > 0) handle = whenIdle(next)
        })
    }
    handle = whenIdle(next)
    return () => {
      queue.length = 0
      cancelIdle(handle)
    }
  }, [loaders])
}
