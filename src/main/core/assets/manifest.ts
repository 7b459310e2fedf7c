import { z } from 'zod'
import { Arch, AssetType, SchematicId, TalosVersion } from '../../../shared/contract/assets'
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

/** A missing or unreadable manifest reads as empty: its files then show as "unknown", never as trusted. */
export async function readManifest(pxeDir: string, set: AssetSet): Promise<Manifest> {
  let raw: unknown
  try {
    raw = await readJsonFile(manifestPath(pxeDir, set))
  } catch {
    return emptyManifest(set)
  }
  const parsed = Manifest.safeParse(raw)
  return parsed.success ? parsed.data : emptyManifest(set)
}

const queues = new Map<string, Promise<unknown>>()

/**
 * Read-modify-write under a per-file queue, so two downloads finishing together in this process
 * don't drop each other's entry; the write itself is atomic (temp file, fsync, rename).
 */
export async function updateManifest(
  pxeDir: string,
  set: AssetSet,
  change: (m: Manifest) => Manifest | null
): Promise<void> {
  const path = manifestPath(pxeDir, set)
  const prev = queues.get(path) ?? Promise.resolve()
  const next = prev.then(async () => {
    const updated = change(await readManifest(pxeDir, set))
    if (updated) await writeJsonAtomically(path, updated)
  })
  const tail = next.catch(() => {})
  queues.set(path, tail)
  try {
    await next
  } finally {
    if (queues.get(path) === tail) queues.delete(path)
  }
}
