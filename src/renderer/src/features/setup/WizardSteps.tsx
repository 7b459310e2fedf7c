import { Check } from 'lucide-react'
import { cx } from '../../ui'
import { STEP_LABEL, WIZARD_STEPS, type WizardState, type WizardStep } from './derive'

/** The eight steps in a row: done ones ticked, the shown one marked, reachable ones clickable. */
export function WizardSteps({ state, onOpen }: { state: WizardState; onOpen: (s: WizardStep) => void }) {
  const naturalIdx = WIZARD_STEPS.indexOf(state.natural)
  return (
    <nav aria-label="Setup steps" className="mb-6">
      <ol className="flex flex-wrap items-center gap-x-1 gap-y-2">
        {WIZARD_STEPS.map((s, i) => {
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
                {done && !current ? <Check className="size-3" /> : i + 1}
              </span>
              <span className={cx('text-[13px] whitespace-nowrap', current ? 'font-medium text-fg' : 'text-muted', skipped && 'line-through')}>
                {STEP_LABEL[s]}
              </span>
              <span className="sr-only">{current ? '(shown)' : done ? '(done)' : skipped ? '(not needed)' : ''}</span>
            </>
          )
          return (
            <li key={s} className="flex items-center gap-1" aria-current={current ? 'step' : undefined}>
              {clickable ? (
                <button type="button" onClick={() => onOpen(s)} className="flex items-center gap-1.5 rounded-md px-1.5 py-1 hover:bg-surface-2">
                  {inner}
                </button>
              ) : (
                <span className="flex items-center gap-1.5 px-1.5 py-1">{inner}</span>
              )}
              {i < WIZARD_STEPS.length - 1 && <span aria-hidden className="h-px w-3 bg-line-strong" />}
            </li>
          )
        })}
      </ol>
    </nav>
  )
}
