import { devNull } from 'node:os'
import { classifyTalosctlFailure } from './errors'
import { captureOutput, outputTooLarge } from './output-cap'
import type { InProcessTalosctl, RunOptions, RunResult } from './runner'

/**
 * The demo lab's simulated talosctl, run as a function: a packaged app has no Node binary to run
 * it with. Same timeouts, cancel, output cap and error mapping as a child process.
 */
export async function runInProcess(
  exec: InProcessTalosctl,
  args: readonly string[],
  opts: RunOptions,
  o: { talosctlPath: string; env?: Record<string, string>; timeoutMs: number; maxStdoutBytes: number }
): Promise<RunResult> {
  const fullArgs = opts.talosconfig ? ['--talosconfig', opts.talosconfig, ...args] : [...args]
  const stop = new AbortController()
  const state: { reason: 'timeout' | 'cancel' | 'overflow' | null } = { reason: opts.signal?.aborted ? 'cancel' : null }
  const halt = (why: 'timeout' | 'cancel' | 'overflow') => ((state.reason ??= why), stop.abort())
  const timer = setTimeout(() => halt('timeout'), o.timeoutMs)
  const onAbort = () => halt('cancel')
  opts.signal?.addEventListener('abort', onAbort, { once: true })
  const capture = captureOutput({ maxStdoutBytes: o.maxStdoutBytes, onOverflow: () => halt('overflow'), onLine: opts.onLine, streamOnly: opts.streamOnly })
  let result: { exitCode: number; stdout: string; stderr: string } | undefined
  try {
    result = state.reason
      ? undefined
      : await exec(fullArgs, {
          env: { ...o.env, TALOSCONFIG: opts.talosconfig ?? devNull },
          signal: stop.signal,
          onStdout: (s) => capture.push('stdout', s),
          onStderr: (s) => capture.push('stderr', s)
        })
    // An exec that only returns its output is held to the same cap.
    if (result && !opts.streamOnly && !capture.stdout() && !capture.overflowed && result.stdout) capture.push('stdout', result.stdout)
    if (result && !capture.stderr() && result.stderr) capture.push('stderr', result.stderr)
  } catch {
    result = undefined
  } finally {
    clearTimeout(timer)
    opts.signal?.removeEventListener('abort', onAbort)
    capture.end()
  }
  if (state.reason === 'overflow') throw outputTooLarge(fullArgs, o.talosctlPath, o.maxStdoutBytes, capture.stderr())
  if (!state.reason && result && result.exitCode === 0) return { stdout: capture.stdout(), stderr: capture.stderr() }
  throw classifyTalosctlFailure({
    args: fullArgs,
    talosctlPath: o.talosctlPath,
    exitCode: result?.exitCode ?? 1,
    stderr: capture.stderr(),
    cancelled: state.reason === 'cancel',
    timedOut: state.reason === 'timeout',
    timeoutMs: o.timeoutMs
  })
}
