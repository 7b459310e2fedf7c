import { announceToGuard, tellGuard } from './child-guard'
import type { ReapReport } from './child-records'
import { processStartTime } from './proc-start'

/**
 * The process groups (talosctl and what it started) this process is running, and the three ways
 * they end with it: the exit hook for a normal exit, the guard process for a death that runs no
 * handler, and — where no guard can run — a record on disk reaped at the next start.
 */

const POSIX = process.platform !== 'win32'

// pgid → start time of its leader ('' when unknown: no /proc).
const live = new Map<number, string>()
let recordsDir: string | null = null
// Loaded by useChildRecords: only the desktop app records groups, and the module (with
// write-file-atomic) is a cost every `wild` start would pay otherwise.
let records: typeof import('./child-records') | null = null
let exitHookInstalled = false

export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // A negative pid addresses the whole group: talosctl and anything it started.
    if (POSIX) process.kill(-pid, signal)
    else process.kill(pid, signal)
  } catch {
    // ESRCH: already gone.
  }
}

function record(): void {
  if (!recordsDir || !records) return
  const groups = [...live].filter(([, start]) => start !== '').map(([pgid, start]) => ({ pgid, start }))
  try {
    records.writeChildRecord(recordsDir, groups)
  } catch {
    // A full or read-only disk must not fail the call; the exit hook and cancel still work.
  }
}

/** Registers a group just started; `trackGroup` before anything can await. */
export function trackGroup(pid: number): void {
  const start = processStartTime(pid) ?? ''
  live.set(pid, start)
  announceToGuard(`+${pid} ${start}`, () => [...live].map(([g, s]) => `+${g} ${s}`))
  record()
  if (!exitHookInstalled) {
    exitHookInstalled = true
    // execa's own clean-up on exit skips detached children: end what we started ourselves.
    process.once('exit', () => {
      for (const g of live.keys()) killGroup(g, 'SIGKILL')
      live.clear()
      record()
    })
  }
}

/** The group's leader has exited (its stragglers were killed if it was cancelled). */
export function untrackGroup(pid: number): void {
  if (!live.delete(pid)) return
  tellGuard(`-${pid}`)
  record()
}

/**
 * Records groups on disk in `dir` from now on, after reaping what earlier processes left there.
 * Used where no guard process can run (Electron); elsewhere the guard already covers a SIGKILL.
 */
export async function useChildRecords(dir: string): Promise<ReapReport> {
  records = await import('./child-records')
  const report = records.reapLeftChildren(dir)
  recordsDir = dir
  record()
  return report
}
