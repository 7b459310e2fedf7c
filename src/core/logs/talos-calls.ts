import type { Logger } from 'pino'

/** One finished talosctl call, as the runner saw it. */
export interface TalosCall {
  args: readonly string[]
  durationMs: number
  /** 0 on success; the error's code (TIMEOUT, CANCELLED, NODE_UNREACHABLE…) otherwise. */
  outcome: 'ok' | string
  stderr: string
  error?: string
}
export type TalosCallSink = (call: TalosCall) => void

type Run<A extends readonly string[], O, R extends { stderr: string }> = (args: A, opts?: O) => Promise<R>

/**
 * Wraps a runner's run() so every call is reported after it ends, success or failure. The sink
 * cannot break a call: what it throws is dropped, and the call's own result or error goes on.
 */
export function observeCalls<A extends readonly string[], O, R extends { stderr: string }>(run: Run<A, O, R>, sink: TalosCallSink): Run<A, O, R> {
  const tell = (call: TalosCall) => {
    try {
      sink(call)
    } catch {
      // Logging is best effort.
    }
  }
  return async (args, opts) => {
    const started = Date.now()
    try {
      const result = await run(args, opts)
      tell({ args, durationMs: Date.now() - started, outcome: 'ok', stderr: result.stderr })
      return result
    } catch (e) {
      const err = e as { code?: string; message?: string; details?: { stderrTail?: string } }
      tell({ args, durationMs: Date.now() - started, outcome: err.code ?? 'error', stderr: err.details?.stderrTail ?? '', error: err.message })
      throw e
    }
  }
}

/** The sink that writes the talosctl log (redaction happens in the logger). */
export function talosCallLogger(log: Logger): TalosCallSink {
  return (c) => {
    const line = { args: c.args, durationMs: c.durationMs, outcome: c.outcome, ...(c.stderr ? { stderr: c.stderr.slice(-8000) } : {}) }
    if (c.outcome === 'ok') log.info(line, `talosctl ${c.args.find((a) => !a.startsWith('-')) ?? ''}`)
    else log.warn({ ...line, error: c.error }, `talosctl failed: ${c.outcome}`)
  }
}
