import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { ALL_ASSET_TYPES, Arch, type Asset, type AssetType } from '../../shared/contract/assets'
import { AppError } from '../../shared/errors'
import { withAssetLock } from './asset-lock'
import { assetPath, localFileName, parseSetFolder, partPath, setDir, type AssetSet } from './catalog'
import { sha256File } from './hash'
import { readManifest, updateManifest, type ManifestEntry } from './manifest'
import { assetState } from './state'

export async function sizeOf(path: string): Promise<number | null> {
  try {
    const st = await fs.stat(path)
    return st.isFile() ? st.size : null
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw e
  }
}

/** The sets present under pxe/, from the folder names alone. */
export async function discoverSets(pxeDir: string): Promise<AssetSet[]> {
  const sets: AssetSet[] = []
  for (const name of await readdirSafe(pxeDir)) {
    const parsed = parseSetFolder(name)
    if (!parsed) continue
    for (const archName of await readdirSafe(join(pxeDir, name))) {
      const arch = Arch.safeParse(archName)
      if (arch.success) sets.push({ ...parsed, arch: arch.data })
    }
  }
  return sets.sort((a, b) => `${a.version}${a.schematicId}${a.arch}`.localeCompare(`${b.version}${b.schematicId}${b.arch}`))
}

async function readdirSafe(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw e
  }
}

/** One row per type: a stat of the file and its .part plus the manifest; never a re-hash. */
export async function describeSet(
  pxeDir: string,
  set: AssetSet,
  urlFor: (type: AssetType) => string,
  types: readonly AssetType[] = ALL_ASSET_TYPES
): Promise<Asset[]> {
  const manifest = await readManifest(pxeDir, set)
  return Promise.all(
    types.map(async (type) => {
      const path = assetPath(pxeDir, set, type)
      const disk = { file: await sizeOf(path), part: await sizeOf(partPath(path)) }
      const entry = manifest.assets[type]
      // The URL it really came from (the factory URL setting may have changed since).
      return { type, ...set, path, url: entry?.url ?? urlFor(type), ...assetState(disk, entry) }
    })
  )
}

export interface VerifyFailure {
  type: AssetType
  path: string
  expected: string
  actual: string
}

/**
 * Re-hashes each present file against its record and writes the outcome back (verifiedAt, or
 * corrupt). A file without a record stays "unknown" — there is nothing to compare it with —
 * unless `record` is set: then its hash becomes the record. A record is never overwritten here,
 * so --record cannot turn a corrupt file into a trusted one.
 */
export async function verifySet(
  pxeDir: string,
  set: AssetSet,
  types: readonly AssetType[],
  opts: { signal: AbortSignal; now: () => Date; record?: boolean; urlFor: (type: AssetType) => string }
): Promise<VerifyFailure[]> {
  const manifest = await readManifest(pxeDir, set)
  const failures: VerifyFailure[] = []
  const checked: Partial<Record<AssetType, boolean>> = {}
  const recorded: Partial<Record<AssetType, ManifestEntry>> = {}
  const at = opts.now().toISOString()
  for (const type of types) {
    const entry = manifest.assets[type]
    const path = assetPath(pxeDir, set, type)
    if ((await sizeOf(path)) === null || (!entry && !opts.record)) continue
    const { sha256, size } = await sha256File(path, opts.signal)
    if (!entry) {
      const { mtime } = await fs.stat(path)
      recorded[type] = { url: opts.urlFor(type), size, sha256, downloadedAt: mtime.toISOString(), verifiedAt: at, corrupt: false, downloadedBy: null }
      continue
    }
    checked[type] = sha256 === entry.sha256
    if (sha256 !== entry.sha256) failures.push({ type, path, expected: entry.sha256, actual: sha256 })
  }
  await updateManifest(pxeDir, set, (m) => {
    for (const [type, ok] of Object.entries(checked) as [AssetType, boolean][]) {
      const e = m.assets[type]
      if (e) m.assets[type] = ok ? { ...e, verifiedAt: at, corrupt: false } : { ...e, corrupt: true }
    }
    for (const [type, e] of Object.entries(recorded) as [AssetType, ManifestEntry][]) m.assets[type] ??= e
    return m
  })
  return failures
}

/**
 * Removes files, .parts and records; the set's folders go too once nothing is left in them.
 * Each file's lock is taken without waiting: a download running anywhere (app or CLI) makes it
 * BUSY, naming the operation, before anything is removed.
 */
export async function deleteFromSet(pxeDir: string, set: AssetSet, types: readonly AssetType[]): Promise<string[]> {
  const deleted: string[] = []
  const signal = new AbortController().signal
  const holding = async (rest: readonly AssetType[]): Promise<void> => {
    const [type, ...others] = rest
    if (!type) return removeFiles(pxeDir, set, types, deleted)
    const opts = { operationId: null, signal, wait: false, what: localFileName(type) }
    await withAssetLock(assetPath(pxeDir, set, type), opts, () => holding(others))
  }
  await holding(types)
  let empty = false
  await updateManifest(pxeDir, set, (m) => {
    for (const type of types) delete m.assets[type]
    empty = Object.keys(m.assets).length === 0
    return empty ? null : m
  })
  if (empty) {
    const dir = setDir(pxeDir, set)
    await fs.rm(join(dir, 'manifest.json'), { force: true })
    await removeIfEmpty(dir)
    await removeIfEmpty(join(dir, '..'))
  }
  return deleted
}

async function removeFiles(pxeDir: string, set: AssetSet, types: readonly AssetType[], deleted: string[]): Promise<void> {
  for (const type of types) {
    const path = assetPath(pxeDir, set, type)
    for (const p of [path, partPath(path)]) {
      if ((await sizeOf(p)) !== null) {
        await fs.rm(p, { force: true })
        deleted.push(p)
      }
    }
  }
}

async function removeIfEmpty(dir: string): Promise<void> {
  try {
    await fs.rmdir(dir)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code !== 'ENOTEMPTY' && code !== 'ENOENT' && code !== 'EEXIST') throw e
  }
}

export function checksumError(failures: VerifyFailure[]): AppError {
  const lines = failures.map((f) => `${f.type} (${f.path}): expected sha256 ${f.expected}, got ${f.actual}`)
  return new AppError(
    'CHECKSUM_MISMATCH',
    `${failures.length === 1 ? 'A boot asset is' : 'Boot assets are'} corrupt: ${lines.join('; ')}. Delete and download again.`,
    failures
  )
}
