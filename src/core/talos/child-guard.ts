import type { Writable } from 'node:stream'
import { loadedExeca } from './execa-lazy'

/**
 * A parent killed with SIGKILL runs no handler, and talosctl runs in its own process group (so a
 * cancel reaches its children), so nothing would end talosctl: it would run on, orphaned. The
 * guard is one small Node process per parent that holds the read end of a pipe from it. The
 * parent announces each group it starts ("+pgid start") and ends ("-pgid"); when the pipe hits
 * EOF — the parent is gone, however it died — the guard SIGKILLs every group still announced
 * and exits. A group whose leader now has another start time is a reused pid and is left alone.
 *
 * It ignores INT/TERM/HUP: they are meant for the parent (a terminal's Ctrl-C or hang-up reaches
 * the whole foreground group), and the guard must outlive it by exactly its last breath.
 */
const GUARD_SCRIPT = `
const fs = require('fs')
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => {})
const groups = new Map()
const startOf = (pid) => {
  try { const s = fs.readFileSync('/proc/' + pid + '/stat', 'utf8'); return s.slice(s.lastIndexOf(')') + 2).split(' ')[19] } catch { return null }
}
let buf = ''
process.stdin.setEncoding('utf8')
process.stdin.on('data', (d) => {
  buf += d
  for (let i = buf.indexOf('\\n'); i >= 0; i = buf.indexOf('\\n')) {
    const m = /^([+-])(\\d+) ?(\\d*)$/.exec(buf.slice(0, i))
    buf = buf.slice(i + 1)
    if (m && m[1] === '+') groups.set(Number(m[2]), m[3])
    else if (m) groups.delete(Number(m[2]))
  }
})
let done = false
const reap = () => {
  if (done) return
  done = true
  for (const [pgid, start] of groups) {
    const now = startOf(pgid)
    // A leader that is gone leaves its pgid reserved while members live: still ours.
    if (start && now !== null && now !== start) continue
    try { process.kill(-pgid, 'SIGKILL') } catch {}
  }
  process.exit(0)
}
process.stdin.on('end', reap)
process.stdin.on('close', reap)
process.stdin.on('error', reap)
`

/** False under Electron: with the RunAsNode fuse off, its binary cannot run a script. */
export function canRunGuard(): boolean {
  return process.platform !== 'win32' && !process.versions.electron
}

let pipe: Writable | null = null

/**
 * The pipe to this process's guard, started on first use. It has no timeout nor cancel signal of
 * its own on purpose: its lifetime is this process's, and it ends when the pipe closes.
 */
function guardPipe(announce: () => string[]): Writable | null {
  if (pipe) return pipe
  const child = loadedExeca()(process.execPath, ['-e', GUARD_SCRIPT], {
    stdin: 'pipe',
    stdout: 'ignore',
    stderr: 'ignore',
    // Its own session: a terminal's hang-up or a kill of our group never reaches it.
    detached: true,
    cleanup: false,
    reject: false,
    buffer: false,
    windowsHide: true,
    env: { NODE_OPTIONS: '' }
  })
  if (!child.stdin || child.pid === undefined) return null
  const stdin = child.stdin
  stdin.on('error', () => undefined)
  // Neither the guard nor its pipe keeps this process alive.
  child.unref()
  ;(stdin as Writable & { unref?: () => void }).unref?.()
  void child.then(() => {
    // Gone (killed by someone): the next announcement starts a new guard with every live group.
    if (pipe === stdin) pipe = null
  })
  pipe = stdin
  for (const line of announce()) stdin.write(line + '\n')
  return pipe
}

/** Tells the guard about a new group; `live` lists every group in case a new guard is started. */
export function announceToGuard(line: string, live: () => string[]): void {
  if (!canRunGuard()) return
  const existing = pipe
  const p = guardPipe(live)
  // A new guard was just told every live group, this one included.
  if (p && p === existing) p.write(line + '\n')
}

/** Tells a running guard that a group has ended; starts none. */
export function tellGuard(line: string): void {
  pipe?.write(line + '\n')
}
