/**
 * Ctrl-C (SIGINT), SIGTERM (a supervisor, `kill`, a shutdown) and SIGHUP (the terminal closed) all
 * end `wild` the same way: the running command cancels its work — which kills its talosctl — and
 * exits 1 with CANCELLED. With no command to cancel, or at a second signal, wild exits 130 at
 * once; the exit hook kills any talosctl still running, and the child guard what remains.
 *
 * One listener per signal lives for the whole run. A listener that comes and goes is not enough:
 * write-file-atomic (through signal-exit) listens during each write, and a signal-exit that finds
 * itself the only listener re-raises the signal and kills the process mid-cancel.
 */
export const EXIT_INTERRUPTED = 130
/** 128 + SIGPIPE: what a shell reports for a tool whose reader went away (`wild node list | head`). */
export const EXIT_BROKEN_PIPE = 141

const cancels = new Set<() => void>()
let installed = false

function onStopSignal(): void {
  if (cancels.size === 0) process.exit(EXIT_INTERRUPTED)
  const pending = [...cancels]
  cancels.clear()
  for (const cancel of pending) cancel()
}

/**
 * The reader of stdout went away (`wild node list | head`). Node ignores SIGPIPE and reports it as
 * an EPIPE error on stdout, which, unhandled, printed a stack trace. As SIGPIPE would, it ends wild:
 * a running command is cancelled like at Ctrl-C; with none, wild exits 141 at once, quietly.
 */
function onStdoutError(e: NodeJS.ErrnoException): void {
  if (e.code !== 'EPIPE') throw e
  if (cancels.size === 0) process.exit(EXIT_BROKEN_PIPE)
  onStopSignal()
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

/** Installs the listeners; called once by the `wild` entry point, before anything else runs. */
export function installStopSignals(): () => void {
  if (!installed) {
    for (const signal of SIGNALS) process.on(signal, onStopSignal)
    process.stdout.on('error', onStdoutError)
  }
  installed = true
  return () => {
    for (const signal of SIGNALS) process.off(signal, onStopSignal)
    process.stdout.off('error', onStdoutError)
    installed = false
  }
}

/** Runs `cancel` at the first stop signal; returns a function that forgets it. */
export function cancelOnStopSignal(cancel: () => void): () => void {
  cancels.add(cancel)
  return () => void cancels.delete(cancel)
}
