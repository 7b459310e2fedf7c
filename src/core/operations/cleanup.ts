import { promises as fs } from 'node:fs'
import type { Operation, UnreadableOperation } from '../../shared/contract/operations'
import { isActive } from './state'

export interface CleanupOptions {
  olderThanDays?: number
  keep?: number
  /**
   * Unreadable op files: 'all' (an operator asked for a cleanup and has seen them listed) or
   * 'older' (start-up: only those untouched for `olderThanDays`, so a fresh one stays visible
   * for the operator to look at, and a file a newer app version wrote is not lost at once).
   */
  unreadable?: 'all' | 'older'
}

export const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The finished ops to delete: those that ended longer ago than `olderThanDays`, and those beyond
 * the newest `keep` finished ones. Pending and running ops are never chosen, nor counted.
 */
export function selectForCleanup(ops: Operation[], now: number, options: CleanupOptions): string[] {
  const finished = ops.filter((op) => !isActive(op)).sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id))
  const chosen = new Set<string>()
  if (options.olderThanDays !== undefined) {
    const cutoff = now - options.olderThanDays * DAY_MS
    for (const op of finished) {
      const ended = Date.parse(op.endedAt ?? op.startedAt)
      if (Number.isFinite(ended) && ended < cutoff) chosen.add(op.id)
    }
  }
  if (options.keep !== undefined) for (const op of finished.slice(options.keep)) chosen.add(op.id)
  return [...chosen]
}

/** The unreadable op files to delete (their ids), by the rule in CleanupOptions.unreadable. */
export async function selectUnreadable(files: UnreadableOperation[], now: number, options: CleanupOptions): Promise<string[]> {
  const rule = options.unreadable ?? 'all'
  if (rule === 'all') return files.map((f) => f.id)
  if (options.olderThanDays === undefined) return []
  const cutoff = now - options.olderThanDays * DAY_MS
  const chosen: string[] = []
  for (const f of files) {
    const mtime = (await fs.stat(f.file).catch(() => null))?.mtimeMs
    if (mtime !== undefined && mtime < cutoff) chosen.push(f.id)
  }
  return chosen
}
