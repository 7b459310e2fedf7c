import { Check, Circle, CircleDot, Loader2, MinusCircle, X } from 'lucide-react'
import type { ReactNode } from 'react'
import { cx } from './cx'

export type StepState = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled' | 'skipped' | 'current'

export interface StepItem {
  id: string
  label: ReactNode
  state: StepState
  /** Right-aligned, tabular (elapsed time …). */
  meta?: ReactNode
  detail?: ReactNode
  /** Makes the step a button (wizard navigation). */
  onSelect?: () => void
}

const stateWords: Record<StepState, string> = {
  pending: 'not started',
  running: 'in progress',
  completed: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
  skipped: 'skipped',
  current: 'current step'
}

function StepIcon({ state }: { state: StepState }) {
  const cls = 'size-4 shrink-0'
  switch (state) {
    case 'completed':
      return <Check aria-hidden className={cx(cls, 'text-ok')} />
    case 'running':
      return <Loader2 aria-hidden className={cx(cls, 'animate-spin text-accent-text')} />
    case 'failed':
      return <X aria-hidden className={cx(cls, 'text-danger')} />
    case 'cancelled':
    case 'skipped':
      return <MinusCircle aria-hidden className={cx(cls, 'text-subtle')} />
    case 'current':
      return <CircleDot aria-hidden className={cx(cls, 'text-accent-text')} />
    default:
      return <Circle aria-hidden className={cx(cls, 'text-subtle')} />
  }
}

/** A vertical list of steps with their state in words (for screen readers) and in icons. */
export function Stepper({ steps, label, className }: { steps: StepItem[]; label: string; className?: string }) {
  return (
    <ol aria-label={label} className={cx('flex flex-col gap-0.5', className)}>
      {steps.map((s) => {
        const active = s.state === 'running' || s.state === 'current'
        const inner = (
          <>
            <StepIcon state={s.state} />
            <span className={cx('min-w-0 flex-1 truncate', active && 'font-medium', s.state === 'pending' && 'text-muted')}>{s.label}</span>
            <span className="sr-only">({stateWords[s.state]})</span>
            {s.meta !== undefined && <span className="tabular shrink-0 text-xs text-muted">{s.meta}</span>}
          </>
        )
        return (
          <li key={s.id} aria-current={active ? 'step' : undefined}>
            {s.onSelect ? (
              <button
                type="button"
                onClick={s.onSelect}
                className={cx('flex w-full items-center gap-2.5 rounded-md px-2 py-1.5 text-left hover:bg-surface-2', active && 'bg-accent-soft')}
              >
                {inner}
              </button>
            ) : (
              <div className={cx('flex items-center gap-2.5 rounded-md px-2 py-1.5', active && 'bg-accent-soft')}>{inner}</div>
            )}
            {s.detail && <div className="ml-8.5 pb-1 text-[13px] text-muted">{s.detail}</div>}
          </li>
        )
      })}
    </ol>
  )
}
