import { Check } from 'lucide-react'
import { cx } from '../../ui'
import { STEP_LABEL, STEP_SHORT, WIZARD_STEPS, type WizardState, type WizardStep } from './derive'

/**
 * The steps in one row: done ones ticked, the shown one marked, reachable ones clickable. A
 * running cluster needs no bootstrap, so adding a node to it leaves that step out. The row never
 * wraps: when space is short the other steps' labels shorten (full name on hover and for screen
 * readers), the shown one never does.
 */
export function WizardSteps({ state, onOpen }: { state: WizardState; onOpen: (s: WizardStep) => void }) {
  const naturalIdx = WIZARD_STEPS.indexOf(state.natural)
  const shown = WIZARD_STEPS.filter((s) => !(s === 'bootstrap' && state.bootstrapped && state.view !== 'bootstrap'))
  return (
    <nav aria-label="Setup steps" className="mb-6">
      <ol className="flex flex-nowrap items-center gap-x-1">
        {shown.map((s, n) => {
          const i = WIZARD_STEPS.indexOf(s)
          const skipped = s === 'bootstrap' && state.skipsBootstrap && !state.bootstrapped && naturalIdx > i
          const done = i < naturalIdx && !skipped
          const current = s === state.view
          const clickable = state.reachable.includes(s) && !current
          const inner = (
            <>
              <span
                aria-hidden
                className={cx(
                  'flex size-5 shrink-0 items-center justify-center rounded-full text-[11px] font-semibold',
                  current ? 'bg-accent text-accent-fg' : done ? 'bg-ok-soft text-ok' : 'bg-surface-3 text-muted'
                )}
              >
                {done && !current ? <Check className="size-3" /> : n + 1}
              </span>
              <span className={cx('truncate text-[13px] whitespace-nowrap', current ? 'font-medium text-fg' : 'text-muted', skipped && 'line-through')}>
                <span aria-hidden>{STEP_SHORT[s]}</span>
                <span className="sr-only">{STEP_LABEL[s]}</span>
              </span>
              <span className="sr-only">{current ? '(shown)' : done ? '(done)' : skipped ? '(not needed)' : ''}</span>
            </>
          )
          return (
            <li
              key={s}
              title={STEP_LABEL[s]}
              className={cx('flex min-w-0 items-center gap-1', current && 'shrink-0')}
              aria-current={current ? 'step' : undefined}
            >
              {clickable ? (
                <button type="button" onClick={() => onOpen(s)} className="flex min-w-0 items-center gap-1.5 rounded-md px-1 py-1 hover:bg-surface-2">
                  {inner}
                </button>
              ) : (
                <span className="flex min-w-0 items-center gap-1.5 px-1 py-1">{inner}</span>
              )}
              {n < shown.length - 1 && <span aria-hidden className="h-px w-2.5 shrink-0 bg-line-strong" />}
            </li>
          )
        })}
      </ol>
    </nav>
  )
}
