import type { Operation } from '../../../shared/contract/operations'
import { isActive } from './state'

export interface CleanupOptions {
  olderThanDays?: number
  keep?: number
}

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The finished ops to delete: those that ended longer ago than `olderThanDays`, and those beyond
 * the newest `keep` finished ones. Pending and running ops are never chosen, nor counted.
 */
export function selectForCleanup(ops: Operation[], now: number, options: CleanupOptions): string[] {
  const finished = ops
    .filter((op) => !isActive(op))
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id))
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
