import { z } from 'zod'
import { Arch, AssetType, SchematicId, TalosVersion } from '../../shared/contract/assets'
import { withLock } from '../config/lock'
import { readJsonFile, writeJsonAtomically } from '../fs-safe'
import { manifestPath, type AssetSet } from './catalog'

export const ManifestEntry = z.object({
  url: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  downloadedAt: z.string(),
  verifiedAt: z.string().nullable().default(null),
  /** Set when a verify found another hash; cleared by the next good download. */
  corrupt: z.boolean().default(false),
  /** The operation that wrote the file, so a download that waited for it can name it. */
  downloadedBy: z.string().nullable().default(null)
})
export type ManifestEntry = z.infer<typeof ManifestEntry>

/**
 * The record of what was downloaded, one per set folder: the factory publishes no checksums
 * for its images (an Enterprise feature), so the hash taken while downloading is the reference
 * every later verify compares against.
 */
export const Manifest = z.object({
  schemaVersion: z.literal(1),
  schematicId: SchematicId,
  version: TalosVersion,
  arch: Arch,
  assets: z.partialRecord(AssetType, ManifestEntry)
})
export type Manifest = z.infer<typeof Manifest>

export function emptyManifest(set: AssetSet): Manifest {
  return { schemaVersion: 1, schematicId: set.schematicId, version: set.version, arch: set.arch, assets: {} }
}

/** The outer shape only: each entry is parsed on its own, so one bad entry loses only itself. */
const ManifestFile = z.object({
  schemaVersion: z.literal(1),
  schematicId: SchematicId,
  version: TalosVersion,
  arch: Arch,
  assets: z.record(z.string(), z.unknown())
})

/**
 * Parsed with zod, never trusted: a missing, unreadable or garbage manifest (or one copied from
 * another set) reads as empty, and an entry that does not parse is dropped. Its files then show
 * as "unknown", never as verified.
 */
export async function readManifest(pxeDir: string, set: AssetSet): Promise<Manifest> {
  let raw: unknown
  try {
    raw = await readJsonFile(manifestPath(pxeDir, set))
  } catch {
    return emptyManifest(set)
  }
  const parsed = ManifestFile.safeParse(raw)
  const m = parsed.success ? parsed.data : null
  if (!m || m.schematicId !== set.schematicId || m.version !== set.version || m.arch !== set.arch) return emptyManifest(set)
  const out = emptyManifest(set)
  for (const type of AssetType.options) {
    const entry = ManifestEntry.safeParse(m.assets[type])
    if (entry.success) out.assets[type] = entry.data
  }
  return out
}

export const manifestLockPath = (pxeDir: string, set: AssetSet) => `${manifestPath(pxeDir, set)}.lock`

/**
 * Read-modify-write under the manifest's lock, which holds within this process and across the
 * app and every `wild` process, so two downloads finishing together never drop each other's
 * entry; the write itself is atomic (temp file, fsync, rename).
 */
export async function updateManifest(pxeDir: string, set: AssetSet, change: (m: Manifest) => Manifest | null): Promise<void> {
  await withLock(
    manifestLockPath(pxeDir, set),
    async (stillHeld) => {
      const updated = change(await readManifest(pxeDir, set))
      if (!updated) return
      stillHeld()
      await writeJsonAtomically(manifestPath(pxeDir, set), updated)
    },
    { what: 'The boot asset record (manifest.json)' }
  )
}
