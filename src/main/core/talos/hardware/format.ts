const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB']

/**
 * SI sizes the way Talos prints `pretty_size` (go-humanize Bytes): "1.0 TB", "500 GB", "8.6 GB".
 * Same rounding, so a size the app prints matches what the machine's console shows.
 */
export function formatBytes(bytes: number): string {
  if (bytes < 10) return `${bytes} B`
  const e = Math.min(Math.floor(Math.log(bytes) / Math.log(1000)), UNITS.length - 1)
  const val = Math.floor((bytes / 1000 ** e) * 10 + 0.5) / 10
  return val < 10 ? `${val.toFixed(1)} ${UNITS[e]}` : `${val.toFixed(0)} ${UNITS[e]}`
}
