import type { Asset, AssetState, AssetType } from '@shared/contract/assets'
import type { Operation } from '@shared/contract/operations'
import type { Tone } from '../../ui'

/** The schematic the Image Factory gives plain Talos (no extensions). */
export const VANILLA_SCHEMATIC_ID = '376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba'

export const TYPE_VIEW: Record<AssetType, { label: string; use: string }> = {
  iso: { label: 'ISO image', use: 'USB stick' },
  kernel: { label: 'Kernel', use: 'network boot' },
  initramfs: { label: 'Initramfs', use: 'network boot' },
  cmdline: { label: 'Kernel command line', use: 'network boot' }
}
export const TYPE_ORDER: AssetType[] = ['iso', 'kernel', 'initramfs', 'cmdline']

export const ASSET_STATE_VIEW: Record<AssetState, { tone: Tone; word: string }> = {
  missing: { tone: 'neutral', word: 'not downloaded' },
  partial: { tone: 'warn', word: 'partly downloaded' },
  downloaded: { tone: 'ok', word: 'downloaded' },
  corrupt: { tone: 'danger', word: 'corrupt' },
  unknown: { tone: 'warn', word: 'no checksum' }
}

export interface AssetSetView {
  key: string
  version: string
  schematicId: string
  arch: Asset['arch']
  assets: Asset[]
}

/** Groups rows into sets (one schematic, version and architecture), keeping the list order. */
export function groupSets(assets: Asset[]): AssetSetView[] {
  const sets = new Map<string, AssetSetView>()
  for (const a of assets) {
    const key = `${a.schematicId}@${a.version}/${a.arch}`
    let s = sets.get(key)
    if (!s) sets.set(key, (s = { key, version: a.version, schematicId: a.schematicId, arch: a.arch, assets: [] }))
    s.assets.push(a)
  }
  for (const s of sets.values()) s.assets.sort((a, b) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type))
  return [...sets.values()]
}

export function setSummary(s: AssetSetView): { complete: boolean; needsDownload: boolean; anyOnDisk: boolean; corrupt: boolean } {
  const complete = s.assets.every((a) => a.state === 'downloaded')
  return {
    complete,
    // A file with no recorded checksum cannot be vouched for; a fresh download records one.
    needsDownload: s.assets.some((a) => a.state !== 'downloaded'),
    anyOnDisk: s.assets.some((a) => a.state !== 'missing'),
    corrupt: s.assets.some((a) => a.state === 'corrupt')
  }
}

/** The running download of a set: its target ends with "<version> <arch>". */
export function downloadFor(ops: Operation[] | undefined, s: Pick<AssetSetView, 'version' | 'arch'>): Operation | undefined {
  return (ops ?? []).find((o) => o.type === 'download' && (o.status === 'running' || o.status === 'pending') && o.target.endsWith(`${s.version} ${s.arch}`))
}

export function shortId(id: string): string {
  return id === VANILLA_SCHEMATIC_ID ? 'plain Talos (no extensions)' : `schematic ${id.slice(0, 8)}…`
}

/** What a verify that "succeeded" could not vouch for: files with no record to compare with. */
export function unverifiedNote(checked: Asset[]): string | null {
  const unknown = checked.filter((a) => a.state !== 'downloaded')
  if (unknown.length === 0) return null
  const names = unknown.map((a) => TYPE_VIEW[a.type].label).join(', ')
  return (
    `Not verified: no checksum is recorded for ${names}, so there is nothing to compare ${unknown.length === 1 ? 'it' : 'them'} with. ` +
    `Download ${unknown.length === 1 ? 'it' : 'them'} again to get one, or run "wild assets verify --record" if you trust the files as they are.`
  )
}
