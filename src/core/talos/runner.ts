import { devNull } from 'node:os'
import { StringDecoder } from 'node:string_decoder'
import type { Readable } from 'node:stream'
import { AppError } from '../../shared/errors'
import { killGroup, trackGroup, untrackGroup } from './child-groups'
import { loadExeca } from './execa-lazy'
import { classifyTalosctlFailure } from './errors'
import { captureOutput, MAX_STDOUT_BYTES, outputTooLarge, type LineSink, type OutputCapture, type OutputStream } from './output-cap'
import { runInProcess } from './run-in-process'
import { observeCalls, type TalosCallSink } from '../logs/talos-calls'

export type { LineSink, OutputStream }

export interface TalosRunnerOptions {
  /** A path, or a name looked up on PATH. */
  talosctlPath: string
  /** Extra environment (tests and the demo mode point the simulated talosctl at a lab file). */
  env?: Record<string, string>
  /** Used when a call gives no timeout of its own: talosctl has none. */
  defaultTimeoutMs: number
  /** Time between SIGTERM and SIGKILL after a cancel or timeout. */
  killGraceMs?: number
  /** stdout kept at most (see output-cap.ts); past it the call is stopped with MALFORMED_OUTPUT. */
  maxStdoutBytes?: number
  /**
   * Runs talosctl in-process instead of as a child process: the demo lab's simulator, which a
   * packaged app must run without a Node binary. Same timeouts, cancel and error mapping.
   */
  exec?: InProcessTalosctl
  /** Told about every call when it ends (the talosctl log); cannot change or break the call. */
  onCall?: TalosCallSink
}

export type InProcessTalosctl = (
  args: readonly string[],
  options: { env: Record<string, string | undefined>; signal: AbortSignal; onStdout?: (s: string) => void; onStderr?: (s: string) => void }
) => Promise<{ exitCode: number; stdout: string; stderr: string }>

export interface RunOptions {
  /** The instance's talosconfig. Without it no talosconfig is read at all (see below). */
  talosconfig?: string
  timeoutMs?: number
  signal?: AbortSignal
  /** Each complete output line as it arrives, e.g. for an operation log. */
  onLine?: LineSink
  /** Written to stdin; stdin is closed otherwise. */
  input?: string
  /** stdout goes to `onLine` only and is not kept (followed logs): the result's stdout is "". */
  streamOnly?: boolean
}

export interface RunResult {
  stdout: string
  stderr: string
}

export interface TalosRunner {
  readonly talosctlPath: string
  /** Runs `talosctl <args>`; resolves on exit 0, else throws an AppError (see errors.ts). */
  run(args: readonly string[], options?: RunOptions): Promise<RunResult>
}

const POSIX = process.platform !== 'win32'

/** Feeds a child's byte stream to the capture, decoding UTF-8 across chunk boundaries. */
function feed(stream: Readable | null | undefined, name: OutputStream, capture: OutputCapture): Promise<void> {
  if (!stream) return Promise.resolve()
  const decoder = new StringDecoder('utf8')
  stream.on('data', (chunk: Buffer | string) =>
    typeof chunk === 'string' ? capture.push(name, chunk) : capture.push(name, decoder.write(chunk), chunk.length)
  )
  return new Promise((resolve) => {
    stream.once('end', () => (capture.push(name, decoder.end(), 0), resolve()))
    stream.once('close', () => resolve())
    stream.once('error', () => resolve())
  })
}

export function createTalosRunner(options: TalosRunnerOptions): TalosRunner {
  const killGraceMs = options.killGraceMs ?? 300
  const maxStdoutBytes = options.maxStdoutBytes ?? MAX_STDOUT_BYTES

  async function run(args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    const timeoutMs = opts.timeoutMs ?? options.defaultTimeoutMs
    if (options.exec) {
      return runInProcess(options.exec, args, opts, { talosctlPath: options.talosctlPath, env: options.env, timeoutMs, maxStdoutBytes })
    }
    const execa = await loadExeca()
    if (opts.signal?.aborted) {
      throw classifyTalosctlFailure({ args, stderr: '', cancelled: true })
    }
    const fullArgs = opts.talosconfig ? ['--talosconfig', opts.talosconfig, ...args] : [...args]
    // talosctl falls back to $TALOSCONFIG, then ~/.talos/config (and creates a missing file).
    // The operator's own config must never be read or touched implicitly, so TALOSCONFIG always
    // names the instance's file, or the null device: it exists (nothing is created) and reads
    // as empty, so a call that wrongly needed credentials fails instead of using someone else's.
    const env = { ...options.env, TALOSCONFIG: opts.talosconfig ?? devNull }

    const stop = new AbortController()
    let reason: 'timeout' | 'cancel' | 'overflow' | null = null
    let hardKill: NodeJS.Timeout | undefined

    const child = execa(options.talosctlPath, fullArgs, {
      env,
      extendEnv: true,
      reject: false,
      // Output is read by the capture below, which keeps a bounded amount; execa keeps none.
      buffer: false,
      windowsHide: true,
      // Own process group, so a cancel reaches talosctl's children too.
      detached: POSIX,
      cancelSignal: stop.signal,
      killSignal: 'SIGTERM',
      forceKillAfterDelay: killGraceMs,
      ...(opts.input !== undefined ? { input: opts.input } : { stdin: 'ignore' as const })
    })
    const pid = child.pid
    if (pid !== undefined) trackGroup(pid)

    const abort = (why: 'timeout' | 'cancel' | 'overflow') => {
      if (reason) return
      reason = why
      stop.abort()
      if (pid === undefined) return
      killGroup(pid, 'SIGTERM')
      hardKill = setTimeout(() => killGroup(pid, 'SIGKILL'), killGraceMs)
    }
    const timer = setTimeout(() => abort('timeout'), timeoutMs)
    const onAbort = () => abort('cancel')
    opts.signal?.addEventListener('abort', onAbort, { once: true })
    const capture = captureOutput({ maxStdoutBytes, onOverflow: () => abort('overflow'), onLine: opts.onLine, streamOnly: opts.streamOnly })
    const drained = Promise.all([feed(child.stdout, 'stdout', capture), feed(child.stderr, 'stderr', capture)])

    let result: Awaited<typeof child>
    try {
      result = await child
      await drained
    } finally {
      clearTimeout(timer)
      opts.signal?.removeEventListener('abort', onAbort)
      capture.end()
      if (pid !== undefined) {
        // After a cancel, whatever is left in the group is a straggler: end it now.
        if (reason) killGroup(pid, 'SIGKILL')
        clearTimeout(hardKill)
        untrackGroup(pid)
      }
    }

    const stdout = capture.stdout()
    const stderr = capture.stderr()
    if (reason === 'overflow') throw outputTooLarge(fullArgs, options.talosctlPath, maxStdoutBytes, stderr)
    if (!reason && !result.failed) return { stdout, stderr }
    const code = (result as { code?: string }).code
    if (!reason && result.exitCode === undefined && code !== 'ENOENT' && code !== 'EACCES') {
      const why = result.signal ? `it was stopped by ${result.signal}` : (result.shortMessage ?? 'unknown error')
      throw new AppError('UNKNOWN', `talosctl ${args[0] ?? ''} did not complete: ${why}.`, { stderrTail: stderr.slice(-4000) })
    }
    throw classifyTalosctlFailure({
      args: fullArgs,
      talosctlPath: options.talosctlPath,
      exitCode: result.exitCode,
      stderr,
      spawnErrorCode: reason ? undefined : code,
      cancelled: reason === 'cancel',
      timedOut: reason === 'timeout',
      timeoutMs
    })
  }

  return { talosctlPath: options.talosctlPath, run: options.onCall ? observeCalls(run, options.onCall) : run }
}
