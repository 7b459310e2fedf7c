/**
 * How long the lifecycle waits, and how often it looks. Real machines take minutes (operator
 * journey §7: 1–5 typical, after 10 say what to check); tests and the lab use milliseconds.
 */
export interface LifecycleTiming {
  /** Between two looks at a machine. */
  pollMs: number
  /** One probe (one talosctl call). */
  probeTimeoutMs: number
  /** From apply to the machine going quiet (or leaving maintenance). */
  rebootTimeoutMs: number
  /** From the reboot to the machine answering at its target address. */
  answerTimeoutMs: number
  /** After this long a wait says what to check (console, cable, boot order). */
  slowAfterMs: number
  /** How long bootstrap retries quietly while the node says it is not ready yet. */
  bootstrapRetryMs: number
  /** talosctl health --wait-timeout. */
  healthTimeoutMs: number
  /** How many looks in a row a machine may show the wrong Talos version before setup fails. */
  versionMismatchLooks: number
}

export const DEFAULT_TIMING: LifecycleTiming = {
  pollMs: 3_000,
  probeTimeoutMs: 10_000,
  rebootTimeoutMs: 15 * 60_000,
  answerTimeoutMs: 30 * 60_000,
  slowAfterMs: 10 * 60_000,
  bootstrapRetryMs: 5 * 60_000,
  healthTimeoutMs: 20 * 60_000,
  versionMismatchLooks: 3
}

export function timingWith(partial?: Partial<LifecycleTiming>): LifecycleTiming {
  return { ...DEFAULT_TIMING, ...(partial ?? {}) }
}

/** Overrides from the environment, for the CLI against the simulated lab: WILD_POLL_MS. */
export function timingFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<LifecycleTiming> {
  const out: Partial<LifecycleTiming> = {}
  const poll = Number(env.WILD_POLL_MS)
  if (Number.isInteger(poll) && poll >= 10 && poll <= 60_000) out.pollMs = poll
  return out
}
