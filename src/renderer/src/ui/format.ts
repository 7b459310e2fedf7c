export { formatBytes, formatDiskSize } from '@shared/format'

/** m:ss or h:mm:ss, fixed shape so it does not jump while counting. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const ss = String(s).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}

export function formatRelative(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '—'
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return '—'
  const s = Math.round((now - t) / 1000)
  if (s < 10) return 'just now'
  if (s < 60) return `${s} s ago`
  if (s < 3600) return `${Math.floor(s / 60)} min ago`
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`
  return new Date(t).toLocaleDateString()
}

/** A start time in a list: the time alone for today, the date with it for other days. */
export function formatStartTime(iso: string, now: number = Date.now()): string {
  const t = new Date(iso)
  if (Number.isNaN(t.getTime())) return '—'
  const time = t.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
  if (t.toDateString() === new Date(now).toDateString()) return time
  return `${t.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })}, ${time}`
}
