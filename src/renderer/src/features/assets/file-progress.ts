import type { FileDownloadState, FileProgress } from '@shared/contract/assets'
import type { Tone } from '../../ui'
import { formatBytes } from '../../ui'

/** A file's place in a running download, in the operator's words. */
export const FILE_STATE_VIEW: Record<FileDownloadState, { tone: Tone; word: string }> = {
  queued: { tone: 'neutral', word: 'waiting' },
  downloading: { tone: 'accent', word: 'downloading' },
  verifying: { tone: 'accent', word: 'checking' },
  done: { tone: 'ok', word: 'downloaded' },
  failed: { tone: 'danger', word: 'failed' },
  cancelled: { tone: 'neutral', word: 'cancelled' }
}

/** Files that can still be stopped on their own. */
export const isCancellable = (f: Pick<FileProgress, 'state'>) => f.state === 'queued' || f.state === 'downloading' || f.state === 'verifying'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * Time left as a person says it: rounded, never falsely precise. Under a minute in steps of
 * five seconds, then whole minutes, then hours and minutes.
 */
export function etaWords(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return null
  if (seconds < 5) return 'a few seconds left'
  if (seconds < 60) return `about ${Math.min(55, Math.ceil(seconds / 5) * 5)} seconds left`
  if (seconds < 3600) return `about ${plural(Math.max(1, Math.round(seconds / 60)), 'minute')} left`
  const h = Math.floor(seconds / 3600)
  const m = Math.round((seconds % 3600) / 60)
  return `about ${plural(h, 'hour')}${m ? ` ${plural(m, 'minute')}` : ''} left`
}

/** 0–100 when the size is known, else null (an indeterminate bar). */
export function filePercent(f: FileProgress): number | null {
  if (f.state === 'done') return 100
  if (!f.bytesTotal) return null
  return Math.min(100, Math.floor((f.bytesDone * 100) / f.bytesTotal))
}

/** "12.0 MiB of 40.0 MiB · 3.2 MiB/s · about 10 seconds left"; the parts not known yet are left out. */
export function fileCaption(f: FileProgress): string {
  if (f.state === 'queued') return 'waits for the files before it'
  if (f.state === 'verifying') return `${formatBytes(f.bytesDone)} received · checking the SHA-256`
  const parts = [f.bytesTotal ? `${formatBytes(f.bytesDone)} of ${formatBytes(f.bytesTotal)}` : formatBytes(f.bytesDone)]
  if (f.bytesPerSecond) parts.push(`${formatBytes(f.bytesPerSecond)}/s`)
  const eta = etaWords(f.etaSeconds)
  parts.push(eta ?? (f.state === 'downloading' && f.bytesTotal ? 'working out the time left' : ''))
  return parts.filter(Boolean).join(' · ')
}
