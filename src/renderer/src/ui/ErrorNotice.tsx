import { AlertTriangle } from 'lucide-react'
import type { ReactNode } from 'react'
import { ClientError, toClientError } from '../api/client'
import { Button } from './Button'
import { cx } from './cx'
import { nextStepFor } from './errors'

/**
 * An error shown where it happened: what went wrong (the core's message), and the next step.
 * `hint` overrides the per-code next step when the screen knows better.
 */
export function ErrorNotice({
  error,
  title = 'Something went wrong',
  hint,
  onRetry,
  retryLabel = 'Try again',
  action,
  className,
  compact = false
}: {
  error: unknown
  title?: string
  hint?: ReactNode
  onRetry?: () => void
  retryLabel?: string
  action?: ReactNode
  className?: string
  compact?: boolean
}) {
  const err: ClientError = toClientError(error)
  const next = hint ?? nextStepFor(err.code)
  return (
    <div role="alert" className={cx('flex gap-3 rounded-lg border border-danger/30 bg-danger-soft text-fg', compact ? 'p-3' : 'p-4', className)}>
      <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0 text-danger" />
      <div className="min-w-0 flex-1">
        <p className="font-medium">{title}</p>
        <p className="mt-0.5 break-words">{err.message}</p>
        {next && <p className="mt-1.5 text-muted">{next}</p>}
        {(onRetry || action) && (
          <div className="mt-3 flex flex-wrap gap-2">
            {onRetry && (
              <Button size="sm" onClick={onRetry}>
                {retryLabel}
              </Button>
            )}
            {action}
          </div>
        )}
      </div>
    </div>
  )
}

/** A one-line inline error under a button or a field group. */
export function InlineError({ error, id }: { error: unknown; id?: string }) {
  if (!error) return null
  const err = toClientError(error)
  const next = nextStepFor(err.code)
  return (
    <p id={id} role="alert" className="text-[13px] text-danger">
      {err.message}
      {next && <span className="text-muted"> {next}</span>}
    </p>
  )
}
