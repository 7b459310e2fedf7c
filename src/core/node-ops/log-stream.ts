import { randomUUID } from 'node:crypto'
import type { EventBus } from '../event-bus'
import type { NodeCall, NodeTalos } from './talos-node'

/**
 * Logs and kernel messages of a node, read through talosctl logs/dmesg. Memory stays bounded:
 * a snapshot keeps a ring of its last `tail` lines; a follow hands lines to the event bus in
 * batches and drops the oldest pending ones (counted) when the page cannot keep up. Every
 * stream's talosctl ends with its stream: stop, an error, or close().
 */

export interface LogRequest extends NodeCall {
  service?: string
  tail: number
}

/** The last `tail` lines of the log (kernel messages: of the buffer), and how many were left out. */
export async function readLogTail(talos: Pick<NodeTalos, 'stream'>, r: LogRequest): Promise<{ lines: string[]; dropped: number }> {
  const ring: string[] = []
  let dropped = 0
  await talos.stream({
    ...r,
    follow: false,
    onLine: (line) => {
      ring.push(line)
      if (ring.length > r.tail) {
        ring.shift()
        dropped++
      }
    }
  })
  return { lines: ring, dropped }
}

export interface FollowLimits {
  maxStreams: number
  maxPending: number
  flushMs: number
}

export const FOLLOW_LIMITS: FollowLimits = {
  /** Streams open at once across the app (each is one talosctl); a new one ends the oldest. */
  maxStreams: 8,
  /** Lines waiting for the next batch before the oldest are dropped. */
  maxPending: 1000,
  flushMs: 100
}

export function createLogFollows(deps: { talos: Pick<NodeTalos, 'stream'>; events: EventBus; limits?: Partial<FollowLimits> }) {
  const limits = { ...FOLLOW_LIMITS, ...deps.limits }
  const open = new Map<string, { ac: AbortController; done: Promise<void> }>()

  function follow(r: LogRequest): string {
    // A page that reloads never says stop: past the limit the oldest follow ends, so streams
    // left behind cannot pile up (each holds a talosctl).
    if (open.size >= limits.maxStreams) open.values().next().value?.ac.abort()
    const streamId = `log_${randomUUID()}`
    const ac = new AbortController()
    let pending: string[] = []
    let dropped = 0
    const flush = () => {
      if (pending.length === 0 && dropped === 0) return
      deps.events.emit('nodeOps.logLines', { streamId, lines: pending, dropped })
      pending = []
      dropped = 0
    }
    const timer = setInterval(flush, limits.flushMs)
    const onLine = (line: string) => {
      pending.push(line)
      if (pending.length > limits.maxPending) {
        pending.shift()
        dropped++
      }
    }
    const done = deps.talos
      .stream({ ...r, signal: ac.signal, follow: true, onLine })
      .then(
        () => ({ reason: 'ended' as const, message: null }),
        (e: unknown) =>
          ac.signal.aborted ? { reason: 'stopped' as const, message: null } : { reason: 'failed' as const, message: e instanceof Error ? e.message : String(e) }
      )
      .then((end) => {
        clearInterval(timer)
        flush()
        open.delete(streamId)
        deps.events.emit('nodeOps.logEnded', { streamId, ...end })
      })
    open.set(streamId, { ac, done })
    return streamId
  }

  function stop(streamId: string): boolean {
    const entry = open.get(streamId)
    entry?.ac.abort()
    return !!entry
  }

  return {
    follow,
    stop,
    /** How many follows run now (tests: nothing outlives its stream). */
    get openCount() {
      return open.size
    },
    /** Stops every follow and waits until their talosctl calls ended. */
    async closeAll(): Promise<void> {
      const all = [...open.values()]
      for (const e of all) e.ac.abort()
      await Promise.all(all.map((e) => e.done))
    }
  }
}
