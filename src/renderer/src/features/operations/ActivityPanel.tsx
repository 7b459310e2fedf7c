import type { Operation } from '@shared/contract/operations'
import { Link } from '../../app/Link'
import { formatBytes, ProgressBar } from '../../ui'
import { bytesCaption, operationTitle } from './model'

/** The sidebar's running jobs: progress is visible from every screen. */
export function ActivityPanel({ ops }: { ops: Operation[] }) {
  if (ops.length === 0) return null
  const shown = ops.slice(0, 3)
  return (
    <section aria-label="Running operations" className="border-t border-line px-4 py-3">
      <h2 className="mb-2 text-[11px] font-semibold tracking-wide text-subtle uppercase">Running</h2>
      <ul className="flex flex-col gap-2.5">
        {shown.map((op) => (
          <li key={op.id} className="min-w-0">
            <p className="truncate text-[13px]">{operationTitle(op)}</p>
            <ProgressBar
              label={`${operationTitle(op)} progress`}
              value={op.progress === 0 && op.bytesDone === null ? null : op.progress}
              caption={bytesCaption(op, formatBytes) ?? op.currentStep ?? op.message}
              className="mt-1 [&>div:last-child]:truncate"
            />
          </li>
        ))}
      </ul>
      <Link to={['operations']} className="mt-1 inline-block text-[13px] text-accent-text hover:underline">
        {ops.length > shown.length ? `All ${ops.length} running jobs` : 'Open Operations'}
      </Link>
    </section>
  )
}
