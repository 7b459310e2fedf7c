/** The last byte sample and the smoothed rate derived from the samples so far. */
export interface RateState {
  at: number
  bytes: number
  rate: number | null
}

/** Samples closer together than this are merged into the next one: their rate is mostly noise. */
export const MIN_SAMPLE_MS = 200
/** Time constant of the exponential smoothing: the rate follows a change within a few seconds. */
export const SMOOTHING_MS = 2000

/**
 * Exponentially weighted rate in bytes per second, weighted by elapsed time so irregular
 * reports (a chunk every 10 ms, then none for a second) still give a steady figure.
 */
export function nextRate(prev: RateState | null, bytes: number, at: number): RateState {
  // A counter that went back (a restarted download) starts the estimate afresh.
  if (!prev || bytes < prev.bytes) return { at, bytes, rate: null }
  const dt = at - prev.at
  if (dt < MIN_SAMPLE_MS) return prev
  const instant = ((bytes - prev.bytes) * 1000) / dt
  const alpha = 1 - Math.exp(-dt / SMOOTHING_MS)
  const rate = prev.rate === null ? instant : prev.rate + alpha * (instant - prev.rate)
  return { at, bytes, rate }
}
