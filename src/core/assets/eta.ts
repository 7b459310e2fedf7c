import { nextRate, type RateState } from '../operations/rate'

/** Before this much time with bytes flowing, a rate is mostly connection start-up: no ETA yet. */
export const ETA_WARMUP_MS = 1500

export interface EtaState {
  /** When the first byte count of this run came in (ms). */
  since: number
  rate: RateState | null
}

export interface Estimate {
  state: EtaState
  /** Smoothed bytes per second, null until two samples far enough apart. */
  bytesPerSecond: number | null
  /** Whole seconds left, null while warming up, with no known total, or with nothing flowing. */
  etaSeconds: number | null
}

/**
 * The rate and time left of one file from its byte counter. The rate is the operations'
 * exponentially smoothed one, so a burst or a pause moves the ETA gently; no ETA is given
 * until bytes have flowed for ETA_WARMUP_MS, as the first samples overstate or understate.
 */
export function estimate(prev: EtaState | null, bytes: number, total: number | null, at: number): Estimate {
  // A counter that went back (a retry from byte 0) starts the estimate afresh.
  const restart = !prev || (prev.rate !== null && bytes < prev.rate.bytes)
  const state: EtaState = restart ? { since: at, rate: nextRate(null, bytes, at) } : { since: prev.since, rate: nextRate(prev.rate, bytes, at) }
  const rate = state.rate?.rate ?? null
  const bytesPerSecond = rate === null ? null : Math.round(rate)
  const warm = at - state.since >= ETA_WARMUP_MS
  const left = total === null ? null : Math.max(0, total - bytes)
  const etaSeconds = left === null || !warm || rate === null || rate <= 0 ? null : Math.ceil(left / rate)
  return { state, bytesPerSecond, etaSeconds }
}
