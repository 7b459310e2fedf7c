import { cx } from './cx'

/**
 * Determinate when `value` is a number (0–100), indeterminate when null. The bar has a fixed
 * height and the caption reserves its line, so updates never move the layout.
 */
export function ProgressBar({
  value,
  label,
  caption,
  tone = 'accent',
  className
}: {
  value: number | null
  /** The accessible name, e.g. "Downloading metal-amd64.iso". */
  label: string
  /** Shown under the bar, in tabular figures (e.g. "212 / 640 MiB · 14 MiB/s"). */
  caption?: string
  /** neutral: stopped on purpose, neither done nor failed. */
  tone?: 'accent' | 'ok' | 'danger' | 'neutral'
  className?: string
}) {
  const pct = value === null ? null : Math.max(0, Math.min(100, value))
  const fill = tone === 'ok' ? 'bg-ok' : tone === 'danger' ? 'bg-danger' : tone === 'neutral' ? 'bg-subtle' : 'bg-accent'
  return (
    <div className={cx('flex flex-col gap-1', className)}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct === null ? undefined : Math.round(pct)}
        aria-valuetext={caption}
        className="relative h-1.5 w-full overflow-hidden rounded-full bg-surface-3"
      >
        {pct === null ? (
          <div className={cx('absolute inset-y-0 w-1/3 animate-[wc-indeterminate_1.4s_ease-in-out_infinite] rounded-full', fill)} />
        ) : (
          <div className={cx('h-full rounded-full transition-[width] duration-300', fill)} style={{ width: `${pct}%` }} />
        )}
      </div>
      {caption !== undefined && <div className="tabular min-h-[1.25rem] text-xs text-muted">{caption}</div>}
    </div>
  )
}
