import { AppError } from '../../shared/errors'
import { formatBytes } from '../../shared/format'
import { subcommandOf } from './errors'

export type OutputStream = 'stdout' | 'stderr'
export type LineSink = (stream: OutputStream, line: string) => void

/**
 * More than any real talosctl answer (a `get -o json` of every resource of a node is well under
 * 1 MiB). A talosctl that prints more is broken or not talosctl, and keeping all of it cost 772 MB
 * of RSS for 300 MB of output: past the cap the call is stopped.
 */
export const MAX_STDOUT_BYTES = 4 * 1024 * 1024
/** stderr serves error messages, which read its end: only the tail is kept, whatever its length. */
export const STDERR_TAIL_CHARS = 64 * 1024
/** A "line" longer than this is passed on in pieces, so a stream without newlines cannot grow one. */
const MAX_LINE_CHARS = 16 * 1024

export interface OutputCapture {
  /** A decoded chunk; `bytes` is its size on the wire (the cap counts bytes). */
  push(stream: OutputStream, text: string, bytes?: number): void
  /** Flushes partial last lines to the sink. */
  end(): void
  stdout(): string
  stderr(): string
  /** True once stdout went past the cap; `onOverflow` ran then, once. */
  readonly overflowed: boolean
}

function lineSplitter(name: OutputStream, sink: LineSink) {
  let pending = ''
  return {
    push(text: string) {
      pending += text
      const parts = pending.split('\n')
      pending = parts.pop() ?? ''
      for (const p of parts) sink(name, p.replace(/\r$/, ''))
      while (pending.length > MAX_LINE_CHARS) {
        sink(name, pending.slice(0, MAX_LINE_CHARS))
        pending = pending.slice(MAX_LINE_CHARS)
      }
    },
    end() {
      if (pending) sink(name, pending)
      pending = ''
    }
  }
}

/** Keeps stdout up to `maxStdoutBytes` and the tail of stderr; calls `onOverflow` past the cap. */
export function captureOutput(o: { maxStdoutBytes: number; onOverflow: () => void; onLine?: LineSink; streamOnly?: boolean }): OutputCapture {
  const out: string[] = []
  let outBytes = 0
  let err = ''
  let overflowed = false
  const lines = o.onLine ? { stdout: lineSplitter('stdout', o.onLine), stderr: lineSplitter('stderr', o.onLine) } : null
  return {
    push(stream, text, bytes = Buffer.byteLength(text)) {
      if (stream === 'stderr') {
        err += text
        if (err.length > 2 * STDERR_TAIL_CHARS) err = err.slice(-STDERR_TAIL_CHARS)
        lines?.stderr.push(text)
        return
      }
      // A stream (a followed log) is handed on line by line and never kept: no cap applies.
      if (o.streamOnly) return lines?.stdout.push(text)
      if (overflowed) return
      outBytes += bytes
      if (outBytes > o.maxStdoutBytes) {
        overflowed = true
        out.length = 0 // never handed on: free it now
        o.onOverflow()
        return
      }
      out.push(text)
      lines?.stdout.push(text)
    },
    end() {
      lines?.stdout.end()
      lines?.stderr.end()
    },
    stdout: () => out.join(''),
    stderr: () => err.slice(-STDERR_TAIL_CHARS),
    get overflowed() {
      return overflowed
    }
  }
}

export function outputTooLarge(args: readonly string[], talosctlPath: string, maxStdoutBytes: number, stderr: string): AppError {
  const command = `talosctl ${subcommandOf(args)}`
  return new AppError(
    'MALFORMED_OUTPUT',
    `${command} printed more than ${formatBytes(maxStdoutBytes)} on stdout, more than any talosctl answer, so it was stopped. ` +
      `Check that "${talosctlPath}" is talosctl (wild diagnostics), or run the command yourself to see what it prints.`,
    { command, maxStdoutBytes, stderrTail: stderr.slice(-4000) }
  )
}
