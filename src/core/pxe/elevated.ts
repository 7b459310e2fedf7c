import { setTimeout as sleep } from 'node:timers/promises'
import { AppError } from '../../shared/errors'
import { ensureDir } from '../fs-safe'
import type { ServerStatus } from './schemas'
import { netbootPaths, readPxeStatus, requestStop } from './status'

/**
 * How the app runs `wild <args>` as root: the shell implements it with the platform's own
 * prompt (pkexec, the macOS admin dialog, UAC). It resolves when that process ends and rejects
 * with its error text; core never learns how the prompt is shown.
 */
export interface PxeElevation {
  launch(args: string[]): Promise<void>
}

export interface ElevatedStart {
  dataDir: string
  instance: string
  interface: string
  httpPort?: number
  elevation: PxeElevation
  /** The operator may take a while over a password. */
  waitMs?: number
  pollMs?: number
}

export interface ElevatedServer {
  status(): ServerStatus
  /** False once the helper process has ended (stopped, crashed or killed). */
  alive(): boolean
  close(): Promise<void>
}

/** The words after `wild`: the same foreground server an operator would run with sudo. */
export function elevatedServeArgs(o: Omit<ElevatedStart, 'elevation'>, parentPid: number): string[] {
  const args = ['pxe', 'serve', '--interface', o.interface, '--instance', o.instance, '--data-dir', o.dataDir, '--parent-pid', String(parentPid)]
  if (o.httpPort) args.push('--http-port', String(o.httpPort))
  return args
}

function helperError(e: unknown): AppError {
  const text = e instanceof Error ? e.message : String(e)
  if (/did not grant permission|dismissed|cancel/i.test(text)) {
    return new AppError(
      'FORBIDDEN',
      'The administrator prompt was dismissed, so nothing was started. Start again and enter the password, or run the server from a terminal with sudo.'
    )
  }
  const last =
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .pop() ?? text
  return new AppError('INTERNAL', `The boot server started with administrator rights stopped at once: ${last}`)
}

/**
 * Starts `wild pxe serve` through the elevation prompt and follows it through its status file
 * (the local channel: the helper writes it, the app reads it; a stop request goes back the same
 * way). The helper also ends when this process ends (--parent-pid).
 */
export async function startElevatedServer(o: ElevatedStart): Promise<ElevatedServer> {
  // Made by the operator's own process, so the folder stays theirs when root writes into it.
  await ensureDir(netbootPaths(o.dataDir, o.instance).dir)
  const launchedAt = new Date().toISOString()
  let ended: { error: unknown } | null = null
  const exited = o.elevation.launch(elevatedServeArgs(o, process.pid)).then(
    () => void (ended = { error: null }),
    (error: unknown) => void (ended = { error })
  )
  const deadline = Date.now() + (o.waitMs ?? 180_000)
  let current: ServerStatus
  for (;;) {
    const view = await readPxeStatus(o.dataDir, o.instance)
    if (view.running && view.server && view.server.startedAt >= launchedAt) {
      current = view.server
      break
    }
    const end = ended as { error: unknown } | null
    if (end)
      throw end.error
        ? helperError(end.error)
        : new AppError('INTERNAL', 'The boot server ended before it started; see `wild pxe serve` in a terminal for the reason.')
    if (Date.now() > deadline) {
      await requestStop(o.dataDir, o.instance).catch(() => {})
      throw new AppError(
        'TIMEOUT',
        'No boot server came up within 3 minutes of the administrator prompt; nothing is left running. Start again, or run it from a terminal with sudo.'
      )
    }
    await sleep(o.pollMs ?? 300)
  }
  const timer = setInterval(() => {
    void readPxeStatus(o.dataDir, o.instance).then((v) => {
      if (v.server) current = v.server
    })
  }, 1000)
  timer.unref()
  void exited.finally(() => clearInterval(timer))
  return {
    status: () => current,
    alive: () => ended === null,
    async close() {
      clearInterval(timer)
      if (ended) return
      await requestStop(o.dataDir, o.instance)
      await Promise.race([exited, sleep(10_000)])
    }
  }
}
