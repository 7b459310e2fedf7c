import type { Asset } from '../../shared/contract/assets'
import type { Operation } from '../../shared/contract/operations'
import { formatBytes } from '../../shared/format'
import { table } from '../output'

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
}

/** One progress line: "kernel, initramfs.xz v1.11.5 amd64: 45.2 MiB of 120.0 MiB (37%), 11.8 MiB/s, ETA 6s". */
export function progressLine(op: Operation): string {
  const parts: string[] = []
  if (op.bytesDone !== null) {
    const total = op.bytesTotal ? ` of ${formatBytes(op.bytesTotal)} (${Math.floor((op.bytesDone * 100) / op.bytesTotal)}%)` : ''
    parts.push(`${formatBytes(op.bytesDone)}${total}`)
    if (op.bytesPerSecond) {
      parts.push(`${formatBytes(op.bytesPerSecond)}/s`)
      if (op.bytesTotal) parts.push(`ETA ${formatDuration((op.bytesTotal - op.bytesDone) / op.bytesPerSecond)}`)
    }
  } else {
    parts.push(op.message || op.currentStep || 'starting')
  }
  return `${op.target}: ${parts.join(', ')}`
}

export function assetTable(assets: Asset[]): string {
  if (assets.length === 0) return 'No boot assets.'
  return table(
    ['TYPE', 'VERSION', 'ARCH', 'SCHEMATIC', 'STATE', 'SIZE', 'SHA256', 'PATH'],
    assets.map((a) => [
      a.type,
      a.version,
      a.arch,
      a.schematicId.slice(0, 12),
      a.state,
      a.state === 'missing' ? '' : formatBytes(a.size),
      a.sha256 ? a.sha256.slice(0, 16) : '',
      a.path
    ])
  )
}

/** One line per file a verify could not vouch for; empty when every file matched its record. */
export function unverifiedLines(assets: Asset[]): string[] {
  return assets
    .filter((a) => a.state !== 'downloaded')
    .map((a) =>
      a.state === 'unknown'
        ? `unknown: no checksum recorded for ${a.type} (${a.path}). Run \`wild assets verify --record\` to record it as it is, or download it again with --force.`
        : `${a.state}: ${a.type} (${a.path}). Download it again with --force.`
    )
}
