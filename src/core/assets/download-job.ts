import { promises as fs } from 'node:fs'
import type { AssetType } from '../../shared/contract/assets'
import type { Operation } from '../../shared/contract/operations'
import { AppError } from '../../shared/errors'
import { ensureDir } from '../fs-safe'
import type { OperationHandle, OperationsService } from '../operations/types'
import { describeOwner, withAssetLock, type LockOwner } from './asset-lock'
import { assetPath, downloadTarget, factoryPath, localFileName, partPath, setDir, type AssetSet } from './catalog'
import { formatBytes } from '../../shared/format'
import { bytesNeeded, ensureFreeSpace, existingAncestor, type StatFs } from './disk'
import { downloadFile, type DownloadDeps } from './download'
import type { FactoryClient } from './factory-client'
import { describeSet } from './inventory'
import { readManifest, updateManifest } from './manifest'

export interface DownloadJobDeps {
  operations: OperationsService
  factory: FactoryClient
  statfs: StatFs
  now: () => Date
  download: DownloadDeps
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
export async function runDownload(deps: DownloadJobDeps, plan: DownloadPlan, onFinish: () => void): Promise<Operation> {
  const steps = [CHECK_STEP, ...plan.types.map(stepFor)]
  return deps.operations.start({ type: 'download', instance: plan.instance, target: downloadTarget(plan.set, plan.types), steps }, async (op) => {
    try {
      return await downloadSet(deps, plan, op)
    } finally {
      onFinish()
    }
  })
}

async function downloadSet(deps: DownloadJobDeps, plan: DownloadPlan, op: OperationHandle) {
  const { pxe, set, types } = plan
  const what = (type: AssetType) => `${factoryPath(type, set.arch)} for Talos ${set.version} (schematic ${set.schematicId.slice(0, 12)}…)`
  const dir = setDir(pxe, set)
  const todo = await op.step(CHECK_STEP, async () => {
    const rows = await describeSet(pxe, set, (t) => deps.factory.url(set, t), types)
    const manifest = await readManifest(pxe, set)
    const items: TodoItem[] = []
    for (const row of rows) {
      if (row.state === 'downloaded' && !plan.force) continue
      const size = await deps.factory.assetSize(set, row.type, what(row.type), op.signal)
      const recordedAt = manifest.assets[row.type]?.downloadedAt ?? null
      items.push({ type: row.type, size, partSize: row.state === 'partial' && !plan.force ? row.size : 0, recordedAt })
    }
    // The set folder may not exist yet; a refused download should not leave an empty one behind.
    await ensureFreeSpace(deps.statfs, await existingAncestor(dir), bytesNeeded(items))
    return items
  })
  await ensureDir(dir)

  const total = todo.every((i) => i.size !== null) ? todo.reduce((s, i) => s + (i.size ?? 0), 0) : null
  let doneBefore = 0
  for (const type of types) {
    const item = todo.find((i) => i.type === type)
    if (!item) {
      op.skip(stepFor(type), 'already downloaded')
      continue
    }
    await op.step(stepFor(type), async () => {
      const size = await downloadOne(deps, plan, op, item, what(type), (done) => {
        const all = doneBefore + done
        op.bytes(all, total)
        if (total) op.progress(Math.min(99, Math.floor((all * 100) / total)))
      })
      doneBefore += size
    })
  }
  // Success means every file asked for is in place and matches its record, whoever wrote it.
  const rows = await describeSet(pxe, set, (t) => deps.factory.url(set, t), types)
  const bad = rows.filter((r) => r.state !== 'downloaded')
  if (bad.length) {
    const what = bad.map((r) => `${localFileName(r.type)} is ${r.state}`).join(', ')
    throw new AppError('CHECKSUM_MISMATCH', `After the download ${what}: something else changed it meanwhile. Download again.`)
  }
  op.progress(100)
  return rows
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
  item: TodoItem,
  what: string,
  onBytes: (done: number) => void
): Promise<number> {
  const { pxe, set } = plan
  const { type } = item
  const name = localFileName(type)
  const dest = assetPath(pxe, set, type)
  const onWait = (owner: LockOwner | null) => {
    const line = `Waiting for ${describeOwner(owner)}, which is downloading ${name}`
    op.message(line)
    op.log(line)
  }
  return withAssetLock(dest, { operationId: op.id, signal: op.signal, wait: true, onWait, what: name }, async (stillHeld) => {
    const entry = (await readManifest(pxe, set)).assets[type]
    const [row] = await describeSet(pxe, set, (t) => deps.factory.url(set, t), [type])
    if (row?.state === 'downloaded' && (!plan.force || entry?.downloadedAt !== item.recordedAt)) {
      const by = entry?.downloadedBy ? `operation ${entry.downloadedBy}` : 'another operation'
      op.log(`${name} was downloaded by ${by} meanwhile; nothing to fetch`)
      return 0
    }
    op.message(`Downloading ${name} for Talos ${set.version} ${set.arch}`)
    const url = deps.factory.url(set, type)
    // A forced download starts from byte 0; the old file stays usable until the rename.
    if (plan.force) await fs.rm(partPath(dest), { force: true })
    const result = await downloadFile(deps.download, {
      url,
      dest,
      what,
      signal: op.signal,
      log: (line) => op.log(line),
      onBytes,
      verifyBeforeCommit: true,
      beforeCommit: stillHeld
    })
    const at = deps.now().toISOString()
    await updateManifest(pxe, set, (m) => {
      m.assets[type] = { url, size: result.size, sha256: result.sha256, downloadedAt: at, verifiedAt: at, corrupt: false, downloadedBy: op.id }
      return m
    })
    op.log(`${name}: ${formatBytes(result.size)}, sha256 ${result.sha256}`)
    return result.size
  })
}
