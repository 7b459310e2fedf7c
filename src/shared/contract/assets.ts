import { z } from 'zod'
import { InstanceName, OperationId } from '../schemas/common'
import { command, type CommandMap, type EventMap } from './types'

/** The four files a PXE or USB boot needs from the Image Factory. */
export const AssetType = z.enum(['kernel', 'initramfs', 'iso', 'cmdline'])
export type AssetType = z.infer<typeof AssetType>
export const ALL_ASSET_TYPES = AssetType.options

export const Arch = z.enum(['amd64', 'arm64'])
export type Arch = z.infer<typeof Arch>

export const TalosVersion = z.string().regex(/^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, 'Not a Talos version (like v1.11.5)')
export type TalosVersion = z.infer<typeof TalosVersion>

/** The factory's schematic id: the SHA-256 of the canonical customization, lower-case hex. */
export const SchematicId = z
  .string()
  .transform((s) => s.toLowerCase())
  .pipe(z.string().regex(/^[0-9a-f]{64}$/, 'Not a schematic id (64 hexadecimal characters)'))
export type SchematicId = z.infer<typeof SchematicId>

/** An official extension name as the factory lists it, like siderolabs/intel-ucode. */
export const ExtensionName = z.string().regex(/^[a-z0-9][a-z0-9._-]*\/[a-z0-9][a-z0-9._-]*$/, 'Not an extension name (like siderolabs/intel-ucode)')

/**
 * missing: nothing on disk; partial: a resumable .part; downloaded: present with its recorded
 * size; corrupt: a verify found another hash, or the size differs from the record;
 * unknown: a file with no record (put there by hand or by an older tool), so it cannot be vouched for.
 */
export const AssetState = z.enum(['missing', 'partial', 'downloaded', 'corrupt', 'unknown'])
export type AssetState = z.infer<typeof AssetState>

export const Asset = z.object({
  type: AssetType,
  version: TalosVersion,
  schematicId: SchematicId,
  arch: Arch,
  path: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().nullable(),
  downloaded: z.boolean(),
  state: AssetState,
  url: z.string()
})
export type Asset = z.infer<typeof Asset>

export const Extension = z.object({
  name: z.string(),
  ref: z.string(),
  digest: z.string(),
  author: z.string(),
  description: z.string()
})
export type Extension = z.infer<typeof Extension>

/**
 * One file of a running download: queued (not started), downloading, verifying (re-hashing the
 * .part before it is renamed into place), done, failed, or cancelled (by the operator, alone or
 * with the whole download; no partial file is left for it).
 */
export const FileDownloadState = z.enum(['queued', 'downloading', 'verifying', 'done', 'failed', 'cancelled'])
export type FileDownloadState = z.infer<typeof FileDownloadState>

export const FileProgress = z.object({
  type: AssetType,
  /** The local file name (talos.iso, kernel…). */
  name: z.string(),
  state: FileDownloadState,
  bytesDone: z.number().int().nonnegative(),
  bytesTotal: z.number().int().nonnegative().nullable(),
  /** Smoothed; null until a few samples came in. */
  bytesPerSecond: z.number().nonnegative().nullable(),
  /** Seconds left at the smoothed rate; null until the rate is steady enough to say. */
  etaSeconds: z.number().int().nonnegative().nullable(),
  /** Of the file as written, once it is done. */
  sha256: z.string().nullable(),
  /** Why it failed, or what happened ("already downloaded", "cancelled by the operator"). */
  message: z.string().nullable()
})
export type FileProgress = z.infer<typeof FileProgress>

/** Every file of one download operation, in download order. */
export const DownloadFiles = z.object({ instance: InstanceName, operationId: OperationId, files: z.array(FileProgress) })
export type DownloadFiles = z.infer<typeof DownloadFiles>

/** Which set of assets: absent fields come from the instance's config (cluster.nodes.talos). */
const SetSelector = {
  instance: InstanceName,
  version: TalosVersion.optional(),
  schematicId: SchematicId.optional(),
  arch: Arch.optional()
}

export const assetCommands = {
  'assets.list': command({
    summary: 'Boot assets on disk (and the expected ones of a set) with size, hash and state',
    /** types: only the chosen set, one row per type given (what a download of those types left). */
    input: () => z.object({ ...SetSelector, types: z.array(AssetType).min(1).optional() }).strict(),
    output: () => z.array(Asset)
  }),
  'assets.download': command({
    summary: 'Download a set of boot assets from the Image Factory as an operation',
    input: () => z.object({ ...SetSelector, types: z.array(AssetType).min(1).optional(), force: z.boolean().optional() }).strict(),
    output: () => z.object({ operationId: OperationId })
  }),
  'assets.downloadFiles': command({
    summary: 'Each file of a download operation this app runs: its state, bytes, rate, ETA and SHA-256',
    input: () => z.object({ instance: InstanceName, operationId: OperationId }).strict(),
    output: () => DownloadFiles
  }),
  'assets.cancelFile': command({
    summary: 'Cancel one file of a running download; the other files go on and the operation ends done with it cancelled',
    input: () => z.object({ instance: InstanceName, operationId: OperationId, file: AssetType }).strict(),
    output: () => DownloadFiles
  }),
  'assets.verify': command({
    summary: 'Re-hash downloaded assets against the recorded SHA-256 (files without one come back "unknown")',
    /** record: take the hash of a file that has no record as its record. */
    input: () => z.object({ ...SetSelector, types: z.array(AssetType).min(1).optional(), record: z.boolean().optional() }).strict(),
    output: () => z.array(Asset)
  }),
  'assets.delete': command({
    summary: 'Delete boot assets (files, partial downloads and their records)',
    input: () => z.object({ ...SetSelector, types: z.array(AssetType).min(1).optional() }).strict(),
    output: () => z.object({ deleted: z.array(z.string()) })
  }),
  'assets.schematic.create': command({
    summary: 'Create (or look up) an Image Factory schematic from a list of system extensions',
    input: () => z.object({ extensions: z.array(ExtensionName) }).strict(),
    output: () => z.object({ id: SchematicId })
  }),
  'assets.extensions': command({
    summary: 'Official system extensions the Image Factory offers for a Talos version',
    input: () => z.object({ version: TalosVersion }).strict(),
    output: () => z.array(Extension)
  }),
  'assets.ipxe': command({
    summary: 'An iPXE script booting the downloaded kernel and initramfs from a base URL',
    input: () => z.object({ ...SetSelector, baseUrl: z.string().url(), extraArgs: z.array(z.string()).optional() }).strict(),
    output: () => z.object({ script: z.string() })
  })
} satisfies CommandMap

export const assetEvents = {
  /** A download's files, at most 4 per second per operation; each file's final state is always sent. */
  'assets.fileProgress': DownloadFiles
} satisfies EventMap
