import type { AssetState } from '../../shared/contract/assets'
import type { ManifestEntry } from './manifest'

export interface OnDisk {
  /** Size of the final file, or null when absent. */
  file: number | null
  /** Size of the .part, or null when absent. */
  part: number | null
}

export interface StateView {
  state: AssetState
  size: number
  sha256: string | null
  downloaded: boolean
}

/**
 * What a listing says about one asset, from a stat and the record alone. Listing never re-hashes
 * (the Go original hashed every ISO on every list call); a size that differs from the record is
 * enough to call a file corrupt, and `verify` is the deliberate, slow check.
 */
export function assetState(disk: OnDisk, entry: Pick<ManifestEntry, 'size' | 'sha256' | 'corrupt'> | undefined): StateView {
  if (disk.file !== null) {
    if (!entry) return { state: 'unknown', size: disk.file, sha256: null, downloaded: false }
    if (entry.corrupt || entry.size !== disk.file) {
      return { state: 'corrupt', size: disk.file, sha256: entry.sha256, downloaded: false }
    }
    return { state: 'downloaded', size: disk.file, sha256: entry.sha256, downloaded: true }
  }
  if (disk.part !== null) return { state: 'partial', size: disk.part, sha256: null, downloaded: false }
  return { state: 'missing', size: 0, sha256: null, downloaded: false }
}
