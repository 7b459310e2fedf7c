import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { chmod, readdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { EtcdSnapshotMeta, type EtcdSnapshotEntry } from '../../shared/contract/etcd'
import { AppError } from '../../shared/errors'
import { SECRET_FILE_MODE, ensureSecretDir, pathExists, readJsonFile, writeJsonAtomically } from '../fs-safe'

/**
 * Snapshots on disk: `<instance>/etcd-snapshots/<stamp>-<node>.snapshot` (0600 in a 0700 folder:
 * the database holds every Kubernetes secret) and a JSON sidecar with what the operator needs to
 * pick one later. Only finished files carry these names; work in progress ends in `.part`.
 */

export const snapshotsDir = (instanceRoot: string): string => join(instanceRoot, 'etcd-snapshots')

/** 2026-12-06T17-12-59.123Z: sorts by time and is a valid file name everywhere. */
export function fileStamp(d: Date): string {
  return d.toISOString().replaceAll(':', '-')
}

export interface SnapshotPaths {
  /** Where talosctl is told to write (it streams to `<work>.part` itself). */
  work: string
  final: string
  sidecar: string
}

export async function prepareSnapshot(instanceRoot: string, takenAt: Date, node: string): Promise<SnapshotPaths> {
  const dir = snapshotsDir(instanceRoot)
  await ensureSecretDir(dir)
  // Two snapshots in the same millisecond must not overwrite each other: a backup is never lost.
  for (let n = 1; ; n++) {
    const base = join(dir, `${fileStamp(takenAt)}-${node}${n > 1 ? `-${n}` : ''}`)
    const p = { work: `${base}.snapshot.part`, final: `${base}.snapshot`, sidecar: `${base}.json` }
    if (!(await pathExists(p.final)) && !(await pathExists(p.work))) return p
  }
}

/** Removes whatever an unfinished snapshot left: ours and talosctl's partial files. */
export async function discardSnapshot(p: SnapshotPaths): Promise<void> {
  await Promise.all([rm(p.work, { force: true }), rm(`${p.work}.part`, { force: true })])
}

async function sha256Of(path: string): Promise<string> {
  const h = createHash('sha256')
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer)
  return h.digest('hex')
}

/** etcd ends a snapshot with the sha256 of its pages: the size is n×512 + 32 (talosctl checks it too). */
const ETCD_HASH_BYTES = 32

/** Checks the finished work file, moves it to its final name and writes the sidecar. */
export async function finishSnapshot(p: SnapshotPaths, meta: Omit<EtcdSnapshotMeta, 'sizeBytes' | 'sha256'>): Promise<EtcdSnapshotMeta> {
  const { size } = await stat(p.work)
  if (size % 512 !== ETCD_HASH_BYTES) {
    throw new AppError('MALFORMED_OUTPUT', `The etcd snapshot from ${meta.node} is incomplete (${size} bytes). Take it again.`)
  }
  const full = EtcdSnapshotMeta.parse({ ...meta, sizeBytes: size, sha256: await sha256Of(p.work) })
  await chmod(p.work, SECRET_FILE_MODE)
  await writeJsonAtomically(p.sidecar, full, SECRET_FILE_MODE)
  await rename(p.work, p.final)
  return full
}

/** Every finished snapshot, newest first; a missing or bad sidecar is listed with its reason. */
export async function listSnapshots(instanceRoot: string): Promise<EtcdSnapshotEntry[]> {
  const dir = snapshotsDir(instanceRoot)
  let names: string[]
  try {
    names = await readdir(dir)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw e
  }
  const files = names
    .filter((n) => n.endsWith('.snapshot'))
    .sort()
    .reverse()
  return Promise.all(
    files.map(async (name): Promise<EtcdSnapshotEntry> => {
      const path = join(dir, name)
      const sidecar = path.replace(/\.snapshot$/, '.json')
      let raw: unknown
      try {
        raw = await readJsonFile(sidecar)
      } catch (e) {
        return { status: 'unreadable', path, reason: `its sidecar ${sidecar} is not JSON (${(e as Error).message})` }
      }
      if (raw === undefined) return { status: 'unreadable', path, reason: `its sidecar ${sidecar} is missing` }
      const meta = EtcdSnapshotMeta.safeParse(raw)
      if (!meta.success) {
        return { status: 'unreadable', path, reason: `its sidecar ${sidecar} is not valid (${meta.error.issues[0]?.message ?? 'bad shape'})` }
      }
      return { status: 'ok', path, ...meta.data }
    })
  )
}
