import type { Socket } from 'node:net'
import { addSample, DEFAULT_MIN_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, effectiveDeadline, type RttSamples } from './deadline'

/**
 * open: accepted a connection. closed: refused it (a host is there, the port is not).
 * unreachable: the network said no route. timeout: no answer before the deadline (silent or
 * filtered). error: anything else the socket reported.
 */
export type ProbeOutcome = 'open' | 'closed' | 'unreachable' | 'timeout' | 'error'

export interface ProbeResult {
  ip: string
  outcome: ProbeOutcome
  /** From connect() to the answer (or to the deadline). */
  ms: number
  code?: string
}

export interface ProbeOptions {
  hosts: Iterable<string>
  port: number
  /** Upper bound for one probe. */
  timeoutMs?: number
  /** Lower bound once round trips are measured (see deadline.ts). */
  minTimeoutMs?: number
  /** Off: every probe waits the full timeoutMs. */
  adaptive?: boolean
  concurrency?: number
  signal?: AbortSignal
  onResult?: (r: ProbeResult) => void
}

export interface ProbeSummary {
  probed: number
  open: number
  cancelled: boolean
  /** The deadline in force at the end, after adapting to measured round trips. */
  deadlineMs: number
  /** Most sockets open at once. */
  peakSockets: number
}

export const DEFAULT_CONCURRENCY = 512
/** Never fewer sockets than this after the system ran out of file descriptors. */
const MIN_CONCURRENCY = 16
/** An address that keeps hitting exhaustion is reported as an error rather than retried for ever. */
const MAX_RETRIES = 20
/** Sockets opened per turn of the event loop. */
const LAUNCH_BATCH = 32

const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN'])
/** Out of descriptors or ephemeral ports: not an answer from the host, so try it again later. */
const EXHAUSTED = new Set(['EMFILE', 'ENFILE', 'EADDRNOTAVAIL', 'ENOBUFS'])

export function classifySocketError(code: string | undefined): ProbeOutcome | 'retry' {
  if (code === 'ECONNREFUSED') return 'closed'
  if (code === 'ETIMEDOUT') return 'timeout'
  if (code && UNREACHABLE.has(code)) return 'unreachable'
  if (code && EXHAUSTED.has(code)) return 'retry'
  return 'error'
}

interface InFlight {
  ip: string
  startedAt: number
}

/**
 * TCP-connects to `port` on each host, many at once, each bounded by a deadline. One sweep timer
 * enforces every deadline (no timer per socket); every socket is destroyed the moment its answer
 * or deadline arrives, and all of them when the signal aborts — none is left behind.
 */
export async function probeHosts(o: ProbeOptions): Promise<ProbeSummary> {
  // Loaded on a scan only: node:net (with http) is a cost every `wild` start paid otherwise.
  const net = await import('node:net')
  return probeWith(net.Socket, o)
}

function probeWith(NetSocket: typeof Socket, o: ProbeOptions): Promise<ProbeSummary> {
  const deadlineOpts = {
    timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    minTimeoutMs: o.minTimeoutMs ?? DEFAULT_MIN_TIMEOUT_MS,
    adaptive: o.adaptive ?? true
  }
  let limit = Math.max(1, o.concurrency ?? DEFAULT_CONCURRENCY)
  const hosts = o.hosts[Symbol.iterator]()
  const retry: string[] = []
  const retries = new Map<string, number>()
  const inFlight = new Map<Socket, InFlight>()
  let samples: RttSamples = { count: 0, maxMs: 0 }
  let exhausted = false
  let probed = 0
  let open = 0
  let peak = 0
  let sweepTimer: NodeJS.Timeout | null = null

  return new Promise<ProbeSummary>((resolve) => {
    let settled = false
    const summary = (cancelled: boolean): ProbeSummary => ({
      probed,
      open,
      cancelled,
      deadlineMs: effectiveDeadline(samples, deadlineOpts),
      peakSockets: peak
    })
    const end = (cancelled: boolean) => {
      if (settled) return
      settled = true
      if (sweepTimer) clearInterval(sweepTimer)
      o.signal?.removeEventListener('abort', onAbort)
      for (const s of inFlight.keys()) s.destroy()
      inFlight.clear()
      resolve(summary(cancelled))
    }
    const onAbort = () => end(true)

    const nextHost = (): string | null => {
      if (retry.length) return retry.shift()!
      if (exhausted) return null
      const n = hosts.next()
      if (n.done) {
        exhausted = true
        return null
      }
      return n.value
    }

    const finish = (s: Socket, outcome: ProbeOutcome | 'retry', code?: string) => {
      const f = inFlight.get(s)
      if (!f) return
      inFlight.delete(s)
      s.destroy()
      const tries = outcome === 'retry' ? (retries.get(f.ip) ?? 0) + 1 : 0
      if (outcome === 'retry' && tries <= MAX_RETRIES) {
        retries.set(f.ip, tries)
        retry.push(f.ip)
        limit = Math.max(MIN_CONCURRENCY, Math.min(limit, inFlight.size))
      } else {
        const ms = Date.now() - f.startedAt
        if (outcome === 'open' || outcome === 'closed') samples = addSample(samples, ms)
        probed++
        if (outcome === 'open') open++
        o.onResult?.({ ip: f.ip, outcome: outcome === 'retry' ? 'error' : outcome, ms, ...(code ? { code } : {}) })
      }
      scheduleFill()
    }

    const launch = (ip: string) => {
      const s = new NetSocket()
      inFlight.set(s, { ip, startedAt: Date.now() })
      peak = Math.max(peak, inFlight.size)
      s.once('connect', () => finish(s, 'open'))
      s.once('error', (e: NodeJS.ErrnoException) => finish(s, classifySocketError(e.code), e.code))
      // An IP literal: no DNS lookup happens.
      s.connect({ port: o.port, host: ip })
    }

    /**
     * Launches at most a small batch per turn of the event loop, in the check phase, after the
     * poll phase has read the answers that arrived: round trips are then measured from the
     * answers, not from how long a burst of launches kept the loop busy.
     */
    let fillScheduled = false
    const scheduleFill = () => {
      if (fillScheduled || settled) return
      fillScheduled = true
      setImmediate(fill)
    }
    const fill = () => {
      fillScheduled = false
      let launched = 0
      while (!settled && inFlight.size < limit) {
        if (launched >= LAUNCH_BATCH) return scheduleFill()
        const ip = nextHost()
        if (ip === null) break
        launch(ip)
        launched++
      }
      if (!settled && inFlight.size === 0 && exhausted && retry.length === 0) end(false)
    }

    /**
     * Runs in the check phase too (from the interval via setImmediate), so answers already
     * waiting are read before any probe is declared silent, even when the loop was busy.
     * Insertion order is start order, so the first probe still in time ends the sweep.
     */
    const sweep = () => {
      const deadline = effectiveDeadline(samples, deadlineOpts)
      const now = Date.now()
      for (const [s, f] of inFlight) {
        if (now - f.startedAt < deadline) break
        finish(s, 'timeout')
      }
    }

    if (o.signal?.aborted) return end(true)
    o.signal?.addEventListener('abort', onAbort, { once: true })
    const tick = Math.max(5, Math.min(50, Math.floor(deadlineOpts.minTimeoutMs / 20)))
    sweepTimer = setInterval(() => setImmediate(sweep), tick)
    fill()
  })
}
