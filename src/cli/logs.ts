import type { EventBus } from '@core/event-bus'
import type { TalosCallSink } from '@core/logs/talos-calls'
import type { Operation } from '@shared/contract/operations'

type Sinks = ReturnType<typeof import('./log-sinks').cliSinks>

export interface CliLogs {
  talosCalls: TalosCallSink
  /** Writes the operations that `events` reports; returns the unsubscribe. */
  watch(events: EventBus): () => void
  /** Resolves when every line reported so far is on disk. */
  flush(): Promise<void>
}

/**
 * `wild` appends to the app's own log files (<data>/logs/talosctl.log, operations.log), so one
 * diagnostics bundle holds what both did. pino and the files are loaded on the first line to
 * write: a command that talks to no machine and runs no job (`wild node list`) pays nothing.
 */
export function cliLogs(dataDir: string): CliLogs {
  let loading: Promise<Sinks> | null = null
  // One chain keeps the lines in the order they happened, whatever the import's timing.
  let chain: Promise<unknown> = Promise.resolve()
  const write = (fn: (s: Sinks) => void) => {
    loading ??= import('./log-sinks').then((m) => m.cliSinks(dataDir))
    const sinks = loading
    chain = chain
      .then(() => sinks.then(fn))
      .catch(() => {
        // Logging is best effort: a full disk must not fail the command.
      })
  }
  return {
    talosCalls: (call) => write((s) => s.talosCall(call)),
    watch: (events) =>
      events.onAny((name, payload) => {
        if (name === 'operation.updated') write((s) => s.operation(payload as Operation))
      }),
    flush: async () => {
      await chain
    }
  }
}
