import { Square } from 'lucide-react'
import type { ReactNode } from 'react'
import type { Operation } from '@shared/contract/operations'
import { Badge, Button, ErrorNotice, formatDuration, InlineError, LogView, Stepper, useNow } from '../../ui'
import { useCancelOperation } from './hooks'
import { isActive, operationTitle, STATUS_VIEW } from './model'
import { stepItems } from './OperationCard'

/**
 * A job followed in place (the wizard's install and bootstrap): every step with its elapsed
 * time, what it is doing now, the log, and a cancel that cancels. `slowAfterMs` adds the
 * "what to check" hint once the job has run that long.
 */
export function OperationLive({
  op,
  slowAfterMs,
  slowHint,
  onRetry,
  retryLabel = 'Try again',
  retrying,
  cancelLabel = 'Cancel',
  stoppedNote
}: {
  op: Operation
  slowAfterMs?: number
  slowHint?: ReactNode
  onRetry?: () => void
  retryLabel?: string
  retrying?: boolean
  /** What cancel does, said on the button before it does it ("Stop waiting — the machine keeps installing"). */
  cancelLabel?: string
  /** Why it stopped and what starting again does, when the caller knows better than "cancelled". */
  stoppedNote?: string | null
}) {
  const running = isActive(op)
  const now = useNow(running)
  const cancel = useCancelOperation()
  const total = (op.endedAt ? Date.parse(op.endedAt) : now) - Date.parse(op.startedAt)
  const slow = running && slowAfterMs !== undefined && total > slowAfterMs
  const status = STATUS_VIEW[op.status]
  return (
    <div className="flex flex-col gap-4">
      <div className="flex items-center justify-between gap-3">
        <div className="flex items-center gap-2">
          <Badge tone={status.tone}>{status.word}</Badge>
          <span className="tabular text-[13px] text-muted">
            {formatDuration(total)} {running ? 'so far' : 'in all'}
          </span>
        </div>
        {running && (
          <Button
            size="sm"
            icon={<Square aria-hidden className="size-3" />}
            loading={cancel.isPending}
            onClick={() => cancel.mutate({ instance: op.instance, id: op.id })}
          >
            {cancelLabel}
          </Button>
        )}
      </div>
      <InlineError error={cancel.error} />
      <Stepper label={`Steps of ${operationTitle(op)}`} steps={stepItems(op.steps, now)} />
      {/* A reserved line for what is happening now. */}
      <p className="min-h-5 text-[13px] text-muted" aria-live="polite">
        {running ? op.message : ''}
      </p>
      {slow && slowHint && (
        <div role="note" className="rounded-md border border-warn/40 bg-warn-soft p-3 text-[13px]">
          {slowHint}
        </div>
      )}
      {op.status === 'failed' && op.error && (
        <ErrorNotice
          title={op.failedStep ? `Stopped at "${op.failedStep}"` : 'It did not finish'}
          error={op.error}
          onRetry={onRetry}
          retryLabel={retryLabel}
          action={retrying ? <span className="text-[13px] text-muted">Starting…</span> : undefined}
        />
      )}
      {(op.status === 'cancelled' || op.status === 'interrupted') && (
        <div role="status" aria-label="Stopped" className="flex items-center justify-between gap-3 rounded-md border border-line bg-surface-2 p-3 text-[13px]">
          <span>
            {stoppedNote ??
              (op.status === 'cancelled'
                ? 'Cancelled. It continues from where it stopped when you start it again.'
                : 'The app closed while this ran. Start it again to continue.')}
          </span>
          {onRetry && (
            <Button size="sm" onClick={onRetry} loading={retrying}>
              {retryLabel}
            </Button>
          )}
        </div>
      )}
      <LogView lines={op.logTail} label={`Log of ${operationTitle(op)}`} height="11rem" />
    </div>
  )
}
