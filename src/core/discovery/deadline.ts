/**
 * How long one probe may wait for an answer. Like nmap's timing, the wait follows the round
 * trips measured on this very scan: once a few hosts have answered (accepted or refused), a
 * silent address is given up after a multiple of the slowest answer seen, never less than
 * `minTimeoutMs` and never more than the operator's `timeoutMs`. Before enough answers arrive,
 * and with `adaptive` off, the full `timeoutMs` applies.
 */
export interface DeadlineOptions {
  timeoutMs: number
  minTimeoutMs: number
  adaptive: boolean
}

export interface RttSamples {
  count: number
  maxMs: number
}

/** Answers needed before the measured round trips are trusted. */
export const MIN_SAMPLES = 3
/** Headroom over the slowest answer: covers a busy host, Wi-Fi jitter and event-loop lag. */
export const RTT_FACTOR = 8
export const DEFAULT_MIN_TIMEOUT_MS = 250
export const DEFAULT_TIMEOUT_MS = 1000

export function effectiveDeadline(samples: RttSamples, o: DeadlineOptions): number {
  if (!o.adaptive || samples.count < MIN_SAMPLES) return o.timeoutMs
  const floor = Math.min(o.minTimeoutMs, o.timeoutMs)
  return Math.min(o.timeoutMs, Math.max(floor, Math.ceil(RTT_FACTOR * samples.maxMs)))
}

export function addSample(s: RttSamples, ms: number): RttSamples {
  return { count: s.count + 1, maxMs: Math.max(s.maxMs, ms) }
}
