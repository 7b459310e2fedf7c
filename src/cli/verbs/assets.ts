import { appOnly, handWritten, type VerbTable } from './types'

/** `wild assets …`: the asset-set options (version, schematic, arch, factory) and download progress are still by hand. */
export const assetVerbs = {
  'assets.list': handWritten('assets', 'list'),
  'assets.download': handWritten('assets', 'download'),
  'assets.verify': handWritten('assets', 'verify'),
  'assets.delete': handWritten('assets', 'delete'),
  'assets.schematic.create': handWritten('assets', 'schematic'),
  'assets.extensions': handWritten('assets', 'extensions'),
  'assets.ipxe': handWritten('assets', 'ipxe'),
  // Per-file state and its abort controllers live in the process running the download; wild assets
  // download prints that process's progress and stops with Ctrl-C.
  'assets.downloadFiles': appOnly('per-file progress of a download running in the app; wild assets download prints its own'),
  'assets.cancelFile': appOnly('cancels one file of a download running in the app; stop wild assets download with Ctrl-C')
} satisfies Partial<VerbTable>
