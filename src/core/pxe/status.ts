import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../shared/errors'
import { pidAlive } from '../operations/liveness'
import { ensureDir, readJsonFile, writeJsonAtomically } from '../fs-safe'
import { instancePaths } from '../paths'
import { ServerStatus, type PxeStatusView } from './schemas'

export function netbootPaths(dataDir: string, instance: string) {
  const dir = join(instancePaths(dataDir, instance).root, 'netboot')
  return { dir, lock: join(dir, 'server.lock'), status: join(dir, 'status.json'), stopRequest: join(dir, 'stop-request') }
}

/**
 * Run as root (sudo, or the app's elevation prompt), the server would leave netboot/ owned by
 * root and the operator's app could no longer write its switches there: the folder goes to
 * whoever owns the instance.
 */
export async function giveToInstanceOwner(dataDir: string, instance: string, path: string): Promise<void> {
  if (process.getuid?.() !== 0) return
  const owner = await fs.stat(instancePaths(dataDir, instance).root).catch(() => null)
  if (owner && owner.uid !== 0) await fs.chown(path, owner.uid, owner.gid).catch(() => {})
}

/** From any process of the operator: ask the instance's server to stop (see stop-watch.ts). */
export async function requestStop(dataDir: string, instance: string): Promise<void> {
  const p = netbootPaths(dataDir, instance)
  await ensureDir(p.dir)
  await fs.writeFile(p.stopRequest, `${process.pid}\n`)
}

/** Loaded on first use: proper-lockfile patches fs and pulls in assert, a cost every `wild` start paid. */
const loadLockfile = async () => (await import('proper-lockfile')).default

/**
 * One server per instance: a lock held (and refreshed) for the server's life. A server that was
 * killed stops refreshing it, and the next start takes it over after `staleMs`.
 */
export async function lockInstance(dataDir: string, instance: string, staleMs = 10_000): Promise<() => Promise<void>> {
  const p = netbootPaths(dataDir, instance)
  await ensureDir(p.dir)
  await giveToInstanceOwner(dataDir, instance, p.dir)
  const lockfile = await loadLockfile()
  try {
    const release = await lockfile.lock(p.dir, { lockfilePath: p.lock, realpath: false, stale: staleMs, retries: 0, onCompromised: () => {} })
    // A request left by an earlier server must not stop this one at once.
    await fs.unlink(p.stopRequest).catch(() => {})
    return release
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

export async function writeStatus(dataDir: string, instance: string, status: ServerStatus): Promise<void> {
  const path = netbootPaths(dataDir, instance).status
  await writeJsonAtomically(path, status)
  await giveToInstanceOwner(dataDir, instance, path)
}

/** From any process: the last status the server wrote, and whether that server still runs. */
export async function readPxeStatus(dataDir: string, instance: string): Promise<PxeStatusView> {
  const p = netbootPaths(dataDir, instance)
  const server = await readStatus(p.status)
  let locked: boolean
  try {
    await fs.access(p.dir)
    const lockfile = await loadLockfile()
    locked = await lockfile.check(p.dir, { lockfilePath: p.lock, realpath: false, stale: 10_000 })
  } catch {
    locked = false
  }
  const running = !!server && server.stoppedAt === null && locked && pidAlive(server.pid)
  return { running, instance, server }
}
