import type { ReactNode } from 'react'
import { cx } from './cx'

export function Card({
  title,
  description,
  actions,
  children,
  className,
  as: As = 'section',
  flush = false
}: {
  title?: ReactNode
  description?: ReactNode
  actions?: ReactNode
  children?: ReactNode
  className?: string
  as?: 'section' | 'div'
  /** Children without padding (lists and tables that draw their own rows). */
  flush?: boolean
}) {
  const headingId = typeof title === 'string' ? `card-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` : undefined
  return (
    <As aria-labelledby={As === 'section' ? headingId : undefined} className={cx('rounded-lg border border-line bg-surface', className)}>
      {(title || actions) && (
        <header className="flex items-start justify-between gap-4 border-b border-line px-5 py-3.5">
          <div className="min-w-0">
            {title && (
              <h2 id={headingId} className="text-sm font-semibold">
                {title}
              </h2>
            )}
            {description && <p className="mt-0.5 text-[13px] text-muted">{description}</p>}
          </div>
          {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
        </header>
      )}
      {children !== undefined && <div className={flush ? undefined : 'px-5 py-4'}>{children}</div>}
    </As>
  )
}
