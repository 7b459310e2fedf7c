import { promises as fs } from 'node:fs'
import type { AssetType, DownloadFiles } from '../../shared/contract/assets'
import type { Operation } from '../../shared/contract/operations'
import { AppError, toAppError } from '../../shared/errors'
import { ensureDir } from '../fs-safe'
import type { OperationHandle, OperationsService } from '../operations/types'
import { describeOwner, withAssetLock, type LockOwner } from './asset-lock'
import { assetPath, downloadTarget, factoryPath, localFileName, partPath, setDir, type AssetSet } from './catalog'
import { formatBytes } from '../../shared/format'
import { bytesNeeded, ensureFreeSpace, existingAncestor, type StatFs } from './disk'
import { downloadFile, type DownloadDeps } from './download'
import type { FactoryClient } from './factory-client'
import { createFileTracker, type FileTracker } from './file-progress'
import { describeSet } from './inventory'
import { readManifest, updateManifest } from './manifest'

export interface DownloadJobDeps {
  operations: OperationsService
  factory: FactoryClient
  statfs: StatFs
  now: () => Date
  download: DownloadDeps
  /** Each file's progress, pushed to whoever shows it. */
  emitFiles: (files: DownloadFiles) => void
}

export interface DownloadHooks {
  /** The job's file tracker, as soon as the op has an id: cancelFile and the files query use it. */
  track: (files: FileTracker) => void
  onFinish: () => void
}

export interface DownloadPlan {
  instance: string
  pxe: string
  set: AssetSet
  /** In download order. */
  types: AssetType[]
  /** Fetch again even when a file is recorded as downloaded. */
  force: boolean
}

interface TodoItem {
  type: AssetType
  size: number | null
  partSize: number
  /** The record's downloadedAt when the check ran, to tell a download finished meanwhile. */
  recordedAt: string | null
}

export const CHECK_STEP = 'Check sizes and free space'
export const stepFor = (type: AssetType) => `Download ${localFileName(type)}`

/**
 * One 'download' operation per set: a step that asks the factory for sizes and checks the disk,
 * then one step per file. Files already recorded as downloaded are skipped, so running it again
 * after a failure only fetches what is missing (and resumes what is partial).
 */
export async function runDownload(deps: DownloadJobDeps, plan: DownloadPlan, hooks: DownloadHooks): Promise<Operation> {
  const steps = [CHECK_STEP, ...plan.types.map(stepFor)]
  return deps.operations.start({ type: 'download', instance: plan.instance, target: downloadTarget(plan.set, plan.types), steps }, async (op) => {
    const files = createFileTracker({ instance: plan.instance, operationId: op.id, types: plan.types, emit: deps.emitFiles })
    hooks.track(files)
    try {
      return await downloadSet(deps, plan, op, files)
    } catch (e) {
      const stopped = op.signal.aborted
      files.close(stopped ? 'cancelled' : 'failed', stopped ? 'stopped with the download; it resumes when you download again' : toAppError(e).message)
      throw e
    } finally {
      hooks.onFinish()
    }
  })
}

async function downloadSet(deps: DownloadJobDeps, plan: DownloadPlan, op: OperationHandle, files: FileTracker) {
  const { pxe, set, types } = plan
  const what = (type: AssetType) => `${factoryPath(type, set.arch)} for Talos ${set.version} (schematic ${set.schematicId.slice(0, 12)}…)`
  const dir = setDir(pxe, set)
  const todo = await op.step(CHECK_STEP, async () => {
    const rows = await describeSet(pxe, set, (t) => deps.factory.url(set, t), types)
    const manifest = await readManifest(pxe, set)
    const items: TodoItem[] = []
    for (const row of rows) {
      if (row.state === 'downloaded' && !plan.force) {
        files.done(row.type, row, 'already downloaded')
        continue
      }
      const size = await deps.factory.assetSize(set, row.type, what(row.type), op.signal)
      const recordedAt = manifest.assets[row.type]?.downloadedAt ?? null
      items.push({ type: row.type, size, partSize: row.state === 'partial' && !plan.force ? row.size : 0, recordedAt })
      files.sized(row.type, size)
    }
    // The set folder may not exist yet; a refused download should not leave an empty one behind.
    await ensureFreeSpace(deps.statfs, await existingAncestor(dir), bytesNeeded(items))
    return items
  })
  await ensureDir(dir)

  let total = todo.every((i) => i.size !== null) ? todo.reduce((s, i) => s + (i.size ?? 0), 0) : null
  let doneBefore = 0
  const cancelled: AssetType[] = []
  for (const type of types) {
    const item = todo.find((i) => i.type === type)
    if (!item) {
      op.skip(stepFor(type), 'already downloaded')
      continue
    }
    const outcome = files.isCancelled(type)
      ? 'cancelled'
      : await op.step(stepFor(type), () =>
          downloadOne(deps, plan, op, files, item, what(type), (done) => {
            const all = doneBefore + done
            op.bytes(all, total)
            if (total) op.progress(Math.min(99, Math.floor((all * 100) / total)))
          })
        )
    if (outcome === 'cancelled') {
      // The other files go on; this one's bytes leave the total so the percentage stays true.
      op.skip(stepFor(type), 'cancelled by the operator')
      cancelled.push(type)
      if (total !== null) total -= item.size ?? 0
      continue
    }
    doneBefore += outcome
  }
  // Success means every file asked for is in place and matches its record, whoever wrote it.
  const kept = types.filter((t) => !cancelled.includes(t))
  const rows = await describeSet(pxe, set, (t) => deps.factory.url(set, t), kept)
  const bad = rows.filter((r) => r.state !== 'downloaded')
  if (bad.length) {
    const what = bad.map((r) => `${localFileName(r.type)} is ${r.state}`).join(', ')
    throw new AppError('CHECKSUM_MISMATCH', `After the download ${what}: something else changed it meanwhile. Download again.`)
  }
  if (cancelled.length) op.message(cancelledSummary(cancelled))
  op.progress(100)
  return rows
}

/** The op's closing line when the operator cancelled some files: done, not failed. */
export function cancelledSummary(cancelled: AssetType[]): string {
  const names = cancelled.map(localFileName).join(', ')
  return `Done with ${cancelled.length} cancelled (${names}); download ${cancelled.length === 1 ? 'it' : 'them'} again when you need ${cancelled.length === 1 ? 'it' : 'them'}.`
}

/**
 * One file, as its only writer across processes. A writer that held the lock before us may
 * have finished the file meanwhile: then there is nothing to fetch. With --force, only a file
 * recorded after our check counts as done (it is the fresh copy another --force just made).
 */
async function downloadOne(
  deps: DownloadJobDeps,
  plan: DownloadPlan,
  op: OperationHandle,
  files: FileTracker,
  item: TodoItem,
  what: string,
  onBytes: (done: number) => void
): Promise<number | 'cancelled'> {
  const { pxe, set } = plan
  const { type } = item
  const name = localFileName(type)
  const dest = assetPath(pxe, set, type)
  const onWait = (owner: LockOwner | null) => {
    const line = `Waiting for ${describeOwner(owner)}, which is downloading ${name}`
    op.message(line)
    op.log(line)
  }
  // This file's request stops on the op's cancel and on the operator's cancel of this file alone.
  const signal = AbortSignal.any([op.signal, files.signal(type)])
  const cancelledAlone = () => files.isCancelled(type) && !op.signal.aborted
  try {
    return await withAssetLock(dest, { operationId: op.id, signal, wait: true, onWait, what: name }, async (stillHeld) => {
      const entry = (await readManifest(pxe, set)).assets[type]
      const [row] = await describeSet(pxe, set, (t) => deps.factory.url(set, t), [type])
      if (row?.state === 'downloaded' && (!plan.force || entry?.downloadedAt !== item.recordedAt)) {
        const by = entry?.downloadedBy ? `operation ${entry.downloadedBy}` : 'another operation'
        op.log(`${name} was downloaded by ${by} meanwhile; nothing to fetch`)
        files.done(type, row, `downloaded by ${by} meanwhile`)
        return 0
      }
      op.message(`Downloading ${name} for Talos ${set.version} ${set.arch}`)
      const url = deps.factory.url(set, type)
      // A forced download starts from byte 0; the old file stays usable until the rename.
      if (plan.force) await fs.rm(partPath(dest), { force: true })
      files.start(type, item.size)
      let result
      try {
        result = await downloadFile(deps.download, {
          url,
          dest,
          what,
          signal,
          log: (line) => op.log(line),
          onBytes: (done, total) => {
            files.bytes(type, done, total ?? item.size)
            onBytes(done)
          },
          onVerify: () => files.verifying(type),
          verifyBeforeCommit: true,
          beforeCommit: stillHeld
        })
      } catch (e) {
        // Cancelled alone: nothing of it stays behind (we hold its lock, so the .part is ours).
        if (cancelledAlone()) await fs.rm(partPath(dest), { force: true })
        throw e
      }
      const at = deps.now().toISOString()
      await updateManifest(pxe, set, (m) => {
        m.assets[type] = { url, size: result.size, sha256: result.sha256, downloadedAt: at, verifiedAt: at, corrupt: false, downloadedBy: op.id }
        return m
      })
      op.log(`${name}: ${formatBytes(result.size)}, sha256 ${result.sha256}`)
      files.done(type, result)
      return result.size
    })
  } catch (e) {
    if (!cancelledAlone()) throw e
    op.log(`${name}: cancelled by the operator; no partial file was kept`)
    files.end(type, 'cancelled')
    return 'cancelled'
  }
}
