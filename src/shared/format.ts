/**
 * The one pair of size formatters, for the app and the CLI alike: memory and files in binary
 * units (what the operating system and `free` show), disks in decimal units as vendors label
 * them and Talos prints them.
 */

const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB']
const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB']

/** "40.0 MiB", "32.0 GiB"; "—" when unknown. */
export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—'
  let v = n
  let i = 0
  while (v >= 1024 && i < BINARY.length - 1) {
    v /= 1024
    i++
  }
  return i === 0 ? `${v} B` : `${v.toFixed(1)} ${BINARY[i]}`
}

/**
 * "1.0 TB", "500 GB", "8.6 GB": the rounding of Talos's `pretty_size` (go-humanize), so a size the
 * app prints matches what the machine's console shows.
 */
export function formatDiskSize(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—'
  if (bytes < 10) return `${bytes} B`
  const e = Math.min(Math.floor(Math.log(bytes) / Math.log(1000)), DECIMAL.length - 1)
  const val = Math.floor((bytes / 1000 ** e) * 10 + 0.5) / 10
  return val < 10 ? `${val.toFixed(1)} ${DECIMAL[e]}` : `${val.toFixed(0)} ${DECIMAL[e]}`
}
