import { handWritten, type VerbTable } from './types'

/** `wild assets …`: the asset-set options (version, schematic, arch, factory) and download progress are still by hand. */
export const assetVerbs = {
  'assets.list': handWritten('assets', 'list'),
  'assets.download': handWritten('assets', 'download'),
  'assets.verify': handWritten('assets', 'verify'),
  'assets.delete': handWritten('assets', 'delete'),
  'assets.schematic.create': handWritten('assets', 'schematic'),
  'assets.extensions': handWritten('assets', 'extensions'),
  'assets.ipxe': handWritten('assets', 'ipxe')
} satisfies Partial<VerbTable>
