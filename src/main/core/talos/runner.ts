import { devNull } from 'node:os'
import { StringDecoder } from 'node:string_decoder'
import type { Readable } from 'node:stream'
import { execa } from 'execa'
import { AppError } from '../../../shared/errors'
import { classifyTalosctlFailure } from './errors'

export type OutputStream = 'stdout' | 'stderr'
export type LineSink = (stream: OutputStream, line: string) => void

export interface TalosRunnerOptions {
  /** A path, or a name looked up on PATH. */
  talosctlPath: string
  /** Extra environment (tests and the demo mode point the simulated talosctl at a lab file). */
  env?: Record<string, string>
  /** Used when a call gives no timeout of its own: talosctl has none. */
  defaultTimeoutMs: number
  /** Time between SIGTERM and SIGKILL after a cancel or timeout. */
  killGraceMs?: number
  /**
   * Runs talosctl in-process instead of as a child process: the demo lab's simulator, which a
   * packaged app must run without a Node binary. Same timeouts, cancel and error mapping.
   */
  exec?: InProcessTalosctl
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

// Process groups still running. execa's own clean-up on exit skips detached children, so the
// runner kills what it started when the app exits.
const liveGroups = new Set<number>()
let exitHookInstalled = false
function trackGroup(pid: number): void {
  liveGroups.add(pid)
  if (!exitHookInstalled) {
    exitHookInstalled = true
    process.once('exit', () => {
      for (const g of liveGroups) killGroup(g, 'SIGKILL')
    })
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // A negative pid addresses the whole group: talosctl and anything it started.
    if (POSIX) process.kill(-pid, signal)
    else process.kill(pid, signal)
  } catch {
    // ESRCH: already gone.
  }
}

/** Splits a byte stream into lines for `onLine`, holding back a partial last line. */
function forwardLines(stream: Readable | null | undefined, name: OutputStream, sink: LineSink): void {
  if (!stream) return
  const decoder = new StringDecoder('utf8')
  let pending = ''
  const emit = (text: string) => {
    pending += text
    const parts = pending.split('\n')
    pending = parts.pop() ?? ''
    for (const p of parts) sink(name, p.replace(/\r$/, ''))
  }
  stream.on('data', (chunk: Buffer | string) => emit(typeof chunk === 'string' ? chunk : decoder.write(chunk)))
  stream.on('end', () => {
    emit(decoder.end())
    if (pending) sink(name, pending)
    pending = ''
  })
}

export function createTalosRunner(options: TalosRunnerOptions): TalosRunner {
  const killGraceMs = options.killGraceMs ?? 300

  async function runInProcess(exec: InProcessTalosctl, args: readonly string[], opts: RunOptions): Promise<RunResult> {
    const timeoutMs = opts.timeoutMs ?? options.defaultTimeoutMs
    const fullArgs = opts.talosconfig ? ['--talosconfig', opts.talosconfig, ...args] : [...args]
    const stop = new AbortController()
    const state: { reason: 'timeout' | 'cancel' | null } = { reason: opts.signal?.aborted ? 'cancel' : null }
    const timer = setTimeout(() => ((state.reason ??= 'timeout'), stop.abort()), timeoutMs)
    const onAbort = () => ((state.reason ??= 'cancel'), stop.abort())
    opts.signal?.addEventListener('abort', onAbort, { once: true })
    const lines = (name: OutputStream) => {
      let pending = ''
      return {
        push: (s: string) => {
          pending += s
          const parts = pending.split('\n')
          pending = parts.pop() ?? ''
          for (const p of parts) opts.onLine?.(name, p)
        },
        end: () => pending && opts.onLine?.(name, pending)
      }
    }
    const out = lines('stdout')
    const err = lines('stderr')
    let result: { exitCode: number; stdout: string; stderr: string } | undefined
    try {
      result = state.reason
        ? undefined
        : await exec(fullArgs, {
            env: { ...options.env, TALOSCONFIG: opts.talosconfig ?? devNull },
            signal: stop.signal,
            onStdout: opts.onLine ? out.push : undefined,
            onStderr: opts.onLine ? err.push : undefined
          })
    } catch {
      result = undefined
    } finally {
      clearTimeout(timer)
      opts.signal?.removeEventListener('abort', onAbort)
      out.end()
      err.end()
    }
    if (!state.reason && result && result.exitCode === 0) return { stdout: result.stdout, stderr: result.stderr }
    throw classifyTalosctlFailure({
      args: fullArgs,
      talosctlPath: options.talosctlPath,
      exitCode: result?.exitCode ?? 1,
      stderr: result?.stderr ?? '',
      cancelled: state.reason === 'cancel',
      timedOut: state.reason === 'timeout',
      timeoutMs
    })
  }

  async function run(args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    if (options.exec) return runInProcess(options.exec, args, opts)
    const timeoutMs = opts.timeoutMs ?? options.defaultTimeoutMs
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
    let reason: 'timeout' | 'cancel' | null = null
    let hardKill: NodeJS.Timeout | undefined

    const child = execa(options.talosctlPath, fullArgs, {
      env,
      extendEnv: true,
      reject: false,
      encoding: 'utf8',
      stripFinalNewline: false,
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

    const abort = (why: 'timeout' | 'cancel') => {
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
    if (opts.onLine) {
      forwardLines(child.stdout, 'stdout', opts.onLine)
      forwardLines(child.stderr, 'stderr', opts.onLine)
    }

    let result: Awaited<typeof child>
    try {
      result = await child
    } finally {
      clearTimeout(timer)
      opts.signal?.removeEventListener('abort', onAbort)
      if (pid !== undefined) {
        // After a cancel, whatever is left in the group is a straggler: end it now.
        if (reason) killGroup(pid, 'SIGKILL')
        clearTimeout(hardKill)
        liveGroups.delete(pid)
      }
    }

    const stdout = String(result.stdout ?? '')
    const stderr = String(result.stderr ?? '')
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

  return { talosctlPath: options.talosctlPath, run }
}
