import { randomBytes } from 'node:crypto'
import { chmod, link, lstat, unlink } from 'node:fs/promises'
import { connect, createServer, type Server, type Socket } from 'node:net'
import { dirname, join } from 'node:path'
import { runTalosctl } from '../talosctl/run'
import { servedInProcess } from './forward'
import { decodeRequest, exitFrame, fallbackFrame, stderrFrame, stdoutFrame, type Request } from './protocol'

/**
 * The lab's side of the native talosctl (talosctl-client.c): a Unix socket beside the lab file
 * that runs short reads with runTalosctl in this process, so a lab talosctl call costs what a
 * native program's start costs instead of a Node start. runTalosctl is safe to run many at once
 * in one process (the demo lab does): it reads env, cwd and the lab file through its io argument,
 * never the process's own env, cwd or exit code, and writes only through io.stdout/stderr.
 * Only the socket's owner may connect (0600, in the lab's folder); nothing listens elsewhere.
 */

export interface TalosctlServer {
  path: string
  /** Runs in progress (a test checks that a killed client's run ends). */
  running(): number
  close(): Promise<void>
}

/** Where the native client looks for the server of the lab file named by $WILD_LAB_FILE. */
export const socketPathFor = (labFile: string): string => `${labFile}.sock`

/** sun_path is 108 bytes on Linux (104 on macOS), NUL included. */
const MAX_SOCKET_PATH = 103

/** True when a server already answers at `path` (this lab is served by someone else). */
function answers(path: string): Promise<boolean> {
  return new Promise((resolveAnswer) => {
    const s = connect(path)
    s.once('connect', () => (s.destroy(), resolveAnswer(true)))
    s.once('error', () => resolveAnswer(false))
  })
}

async function run(socket: Socket, req: Request, runs: Set<AbortController>): Promise<void> {
  if (!servedInProcess(req.argv)) {
    socket.end(fallbackFrame())
    return
  }
  // The client was killed (its caller's timeout or cancel): end the run, as killing a process would.
  const abort = new AbortController()
  runs.add(abort)
  socket.once('close', () => abort.abort())
  const send = (frame: Buffer): void => void (socket.writable && socket.write(frame))
  let code: number
  try {
    code = await runTalosctl(req.argv, {
      env: req.env,
      cwd: req.cwd,
      stdout: { write: (s: string) => s.length > 0 && send(stdoutFrame(s)) },
      stderr: { write: (s: string) => s.length > 0 && send(stderrFrame(s)) },
      signal: abort.signal
    })
  } catch (e) {
    // What bin.ts does with a failure runTalosctl did not report itself.
    send(stderrFrame(`${e instanceof Error ? e.message : String(e)}\n`))
    code = 1
  } finally {
    runs.delete(abort)
  }
  if (socket.writable) socket.end(exitFrame(code))
}

function onConnection(socket: Socket, runs: Set<AbortController>, sockets: Set<Socket>): void {
  sockets.add(socket)
  socket.on('close', () => sockets.delete(socket))
  socket.on('error', () => undefined)
  let received = Buffer.alloc(0)
  let started = false
  socket.on('data', (chunk: Buffer) => {
    if (started) return
    received = Buffer.concat([received, chunk])
    let req: Request | undefined
    try {
      req = decodeRequest(received)
    } catch {
      // Not our client: hang up before any frame, so a client would fall back to Node.
      socket.destroy()
      return
    }
    if (!req) return
    started = true
    void run(socket, req, runs)
  })
}

/**
 * Serves the lab file's talosctl socket; undefined when it cannot (path too long for a Unix
 * socket, or another server already answers there): the client then runs the Node talosctl.
 */
export async function serveTalosctl(labFile: string): Promise<TalosctlServer | undefined> {
  const path = socketPathFor(labFile)
  const temp = join(dirname(path), `.talosctl-${randomBytes(4).toString('hex')}.sock`)
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH || Buffer.byteLength(temp) > MAX_SOCKET_PATH) return undefined
  const existing = await lstat(path).catch(() => undefined)
  if (existing) {
    if (!existing.isSocket() || (await answers(path))) return undefined
    await unlink(path).catch(() => undefined) // left by a process that died: it refuses every client anyway
  }
  const runs = new Set<AbortController>()
  const sockets = new Set<Socket>()
  const server: Server = createServer((s) => onConnection(s, runs, sockets))
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(temp, () => resolveListen())
  })
  // Bound under a private name, made 0600, then linked to the name clients look for: that one
  // is never open to others, not even between bind and chmod, and link() fails if another
  // server took the name meanwhile (rename would silently steal it).
  try {
    await chmod(temp, 0o600)
    await link(temp, path)
  } catch {
    await new Promise<void>((r) => server.close(() => r()))
    return undefined
  } finally {
    await unlink(temp).catch(() => undefined)
  }
  return {
    path,
    running: () => runs.size,
    async close() {
      for (const r of runs) r.abort()
      for (const s of sockets) s.destroy()
      await new Promise<void>((r) => server.close(() => r()))
      await unlink(path).catch(() => undefined)
    }
  }
}
