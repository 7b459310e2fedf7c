import { ArrowRight, ChevronDown, ChevronRight, Square } from 'lucide-react'
import { useId, useState } from 'react'
import type { Operation, OperationStep } from '@shared/contract/operations'
import { Link } from '../../app/Link'
import {
  Badge,
  Button,
  buttonClass,
  cx,
  ErrorNotice,
  formatBytes,
  formatDuration,
  formatStartTime,
  InlineError,
  LogView,
  ProgressBar,
  Stepper,
  useNow,
  type StepItem
} from '../../ui'
import { useCancelOperation } from './hooks'
import { bytesCaption, isActive, operationTitle, STATUS_VIEW, viewRoute } from './model'

function elapsed(start: string | null, end: string | null, now: number): string | undefined {
  if (!start) return undefined
  const s = Date.parse(start)
  const e = end ? Date.parse(end) : now
  return Number.isNaN(s) ? undefined : formatDuration(e - s)
}

export function stepItems(steps: OperationStep[], now: number): StepItem[] {
  return steps.map((s, i) => ({
    id: `${i}-${s.name}`,
    label: s.name,
    state: s.status,
    meta: elapsed(s.startedAt, s.endedAt, now),
    detail: s.message ?? undefined
  }))
}

/** The live part of a job: progress, current step with its elapsed time, message. */
export function OperationProgress({ op, now }: { op: Operation; now: number }) {
  const active = isActive(op)
  const caption = bytesCaption(op, formatBytes)
  const indeterminate = active && op.progress === 0 && op.bytesDone === null
  const stepElapsed = elapsed(op.currentStepStartedAt, null, now)
  return (
    <div className="flex flex-col gap-1.5">
      <ProgressBar
        label={`${operationTitle(op)} progress`}
        value={indeterminate ? null : op.status === 'completed' ? 100 : op.progress}
        tone={op.status === 'failed' ? 'danger' : op.status === 'completed' ? 'ok' : 'accent'}
        caption={caption ?? (active ? `${Math.round(op.progress)}%` : '')}
      />
      {/* One reserved line: the message changes often and must not move the layout. */}
      <p className="min-h-5 truncate text-[13px] text-muted" aria-live="polite">
        {active && op.currentStep ? (
          <>
            <span className="text-fg">{op.currentStep}</span>
            {stepElapsed && <span className="tabular"> · {stepElapsed}</span>}
            {op.message && op.message !== op.currentStep ? ` · ${op.message}` : ''}
          </>
        ) : (
          op.message
        )}
      </p>
    </div>
  )
}

/** One operation: what, state, elapsed, cancel; details show every step and the log. */
export function OperationCard({ op, defaultOpen = false, showView = true }: { op: Operation; defaultOpen?: boolean; showView?: boolean }) {
  const [open, setOpen] = useState(defaultOpen)
  const detailsId = useId()
  const active = isActive(op)
  const now = useNow(active)
  const cancel = useCancelOperation()
  const status = STATUS_VIEW[op.status]
  const title = operationTitle(op)
  const view = viewRoute(op)
  return (
    <article aria-label={title} className="rounded-lg border border-line bg-surface">
      <div className="flex items-start gap-3 px-4 pt-3.5 pb-3">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={detailsId}
          aria-label={`${open ? 'Hide' : 'Show'} details of ${title}`}
          onClick={() => setOpen((o) => !o)}
          className="mt-0.5 rounded p-0.5 text-muted hover:bg-surface-2 hover:text-fg"
        >
          {open ? <ChevronDown aria-hidden className="size-4" /> : <ChevronRight aria-hidden className="size-4" />}
        </button>
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="font-medium">{title}</h3>
            <Badge tone={status.tone}>{status.word}</Badge>
            <span className="tabular text-xs text-muted" title={new Date(op.startedAt).toLocaleString()}>
              Started {formatStartTime(op.startedAt, now)} · {active ? 'running for' : 'took'} {elapsed(op.startedAt, op.endedAt, now) ?? '—'}
            </span>
          </div>
          <div className="mt-2">
            {active ? (
              <OperationProgress op={op} now={now} />
            ) : op.error ? (
              // A cancel is the operator's choice, not a failure: said calmly.
              <p className={cx('text-[13px]', op.status === 'cancelled' ? 'text-muted' : 'text-danger')}>
                {op.failedStep ? `${op.failedStep}: ` : ''}
                {op.error.message}
              </p>
            ) : (
              <p className="text-[13px] text-muted">{op.message}</p>
            )}
          </div>
        </div>
        <div className="flex shrink-0 items-center gap-1.5">
          {showView && (
            <Link to={[view.section, ...view.rest]} className={buttonClass('ghost', 'sm')} aria-label={`View ${title}`}>
              View
              <ArrowRight aria-hidden className="size-3.5" />
            </Link>
          )}
          {active && (
            <Button
              size="sm"
              icon={<Square aria-hidden className="size-3" />}
              loading={cancel.isPending}
              onClick={() => cancel.mutate({ instance: op.instance, id: op.id })}
              aria-label={`Cancel ${title}`}
            >
              Cancel
            </Button>
          )}
        </div>
      </div>
      {cancel.error && (
        <div className="px-4 pb-3">
          <InlineError error={cancel.error} />
        </div>
      )}
      <div id={detailsId} hidden={!open} className={cx('border-t border-line px-4 py-3')}>
        {open && <OperationDetails op={op} now={now} />}
      </div>
    </article>
  )
}

export function OperationDetails({ op, now }: { op: Operation; now: number }) {
  return (
    <div className="flex flex-col gap-4">
      {op.error && op.status !== 'cancelled' && (
        <ErrorNotice compact title={op.status === 'interrupted' ? 'Interrupted' : op.failedStep ? `Failed at "${op.failedStep}"` : 'Failed'} error={op.error} />
      )}
      {op.steps.length > 0 && <Stepper label={`Steps of ${operationTitle(op)}`} steps={stepItems(op.steps, now)} />}
      <LogView lines={op.logTail} label={`Log of ${operationTitle(op)}`} height="10rem" />
      <p className="text-xs text-subtle">
        Started {new Date(op.startedAt).toLocaleString()} · id <code>{op.id}</code>
      </p>
    </div>
  )
}
