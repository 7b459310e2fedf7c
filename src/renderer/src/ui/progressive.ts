import { useEffect, useState } from 'react'

/** Rows mounted in the first frame, then per frame: each slice stays well under a 50 ms frame. */
export const FIRST_SLICE = 20
export const SLICE = 10

/**
 * How many of `total` items to mount now: a first slice at once, then one more slice per
 * animation frame until all are there. A long list (250 nodes with menus and tooltips per row)
 * mounted in one commit blocks the page for a long frame; in slices the screen shows its top at
 * once and stays responsive. A new `key` (the filter text) starts again from the first slice,
 * since its rows are mostly new; a sort keeps the count (memoized rows only move).
 */
export function useProgressiveCount(total: number, key: string): number {
  const [progress, setProgress] = useState({ key, limit: FIRST_SLICE })
  // Adjusted during render (not in an effect) so the first commit with a new key is already small.
  if (progress.key !== key) setProgress({ key, limit: FIRST_SLICE })
  const limit = progress.key === key ? progress.limit : FIRST_SLICE
  useEffect(() => {
    if (limit >= total) return
    const id = requestAnimationFrame(() => setProgress((p) => (p.key === key ? { key, limit: p.limit + SLICE } : p)))
    return () => cancelAnimationFrame(id)
  }, [limit, total, key])
  return Math.min(total, limit)
}
