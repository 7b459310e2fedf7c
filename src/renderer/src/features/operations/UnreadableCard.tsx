import { FileWarning } from 'lucide-react'
import type { UnreadableOperation } from '@shared/contract/operations'
import { Badge } from '../../ui'

/**
 * An op file that cannot be read. Shown rather than hidden so the operator knows a job's record
 * was damaged (a crash mid-write, a hand edit) and that "Clear finished" removes it.
 */
export function UnreadableCard({ entry }: { entry: UnreadableOperation }) {
  return (
    <article aria-label={`Unreadable ${entry.id}`} className="rounded-lg border border-line bg-surface px-4 py-3">
      <div className="flex flex-wrap items-center gap-2">
        <FileWarning aria-hidden className="size-4 text-muted" />
        <h3 className="font-medium break-all">{entry.id}</h3>
        <Badge tone="warn">unreadable</Badge>
      </div>
      <p className="mt-2 text-[13px] text-muted">{entry.reason}</p>
      <p className="mt-1 text-xs text-subtle">
        <code className="break-all">{entry.file}</code>
      </p>
    </article>
  )
}
