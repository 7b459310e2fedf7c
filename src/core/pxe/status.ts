import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import lockfile from 'proper-lockfile'
import { AppError } from '../../shared/errors'
import { ensureDir, readJsonFile, writeJsonAtomically } from '../fs-safe'
import { instancePaths } from '../paths'
import { ServerStatus, type PxeStatusView } from './schemas'

export function netbootPaths(dataDir: string, instance: string) {
  const dir = join(instancePaths(dataDir, instance).root, 'netboot')
  return { dir, lock: join(dir, 'server.lock'), status: join(dir, 'status.json') }
}

/**
 * One server per instance: a lock held (and refreshed) for the server's life. A server that was
 * killed stops refreshing it, and the next start takes it over after `staleMs`.
 */
export async function lockInstance(dataDir: string, instance: string, staleMs = 10_000): Promise<() => Promise<void>> {
  const p = netbootPaths(dataDir, instance)
  await ensureDir(p.dir)
  try {
    return await lockfile.lock(p.dir, { lockfilePath: p.lock, realpath: false, stale: staleMs, retries: 0, onCompromised: () => {} })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e
    const st = await readStatus(p.status)
    const who = st ? ` (pid ${st.pid}, on ${st.interface} ${st.address})` : ''
    throw new AppError(
      'CONFLICT',
      `A network boot server already runs for instance "${instance}"${who}. Stop it (Ctrl-C in its terminal) before starting another; see it with: wild pxe status`
    )
  }
}

async function readStatus(path: string): Promise<ServerStatus | null> {
  const raw = await readJsonFile(path).catch(() => undefined)
  const parsed = ServerStatus.safeParse(raw)
  return parsed.success ? parsed.data : null
}

export function writeStatus(dataDir: string, instance: string, status: ServerStatus): Promise<void> {
  return writeJsonAtomically(netbootPaths(dataDir, instance).status, status)
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: it exists but belongs to another user (a server started with sudo).
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** From any process: the last status the server wrote, and whether that server still runs. */
export async function readPxeStatus(dataDir: string, instance: string): Promise<PxeStatusView> {
  const p = netbootPaths(dataDir, instance)
  const server = await readStatus(p.status)
  let locked = false
  try {
    await fs.access(p.dir)
    locked = await lockfile.check(p.dir, { lockfilePath: p.lock, realpath: false, stale: 10_000 })
  } catch {
    locked = false
  }
  const running = !!server && server.stoppedAt === null && locked && alive(server.pid)
  return { running, instance, server }
}
