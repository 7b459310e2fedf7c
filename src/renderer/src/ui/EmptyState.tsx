import type { ReactNode } from 'react'
import { cx } from './cx'

/** Says what is missing and what to do about it. */
export function EmptyState({
  icon,
  title,
  children,
  action,
  className
}: {
  icon?: ReactNode
  title: string
  children?: ReactNode
  action?: ReactNode
  className?: string
}) {
  return (
    <div className={cx('mx-auto flex max-w-md flex-col items-center px-6 py-14 text-center', className)}>
      {icon && (
        <div aria-hidden className="mb-4 flex size-12 items-center justify-center rounded-full bg-surface-3 text-muted [&>svg]:size-6">
          {icon}
        </div>
      )}
      <h2 className="text-base font-semibold">{title}</h2>
      {children && <div className="mt-1.5 text-muted">{children}</div>}
      {action && <div className="mt-5 flex flex-wrap justify-center gap-2">{action}</div>}
    </div>
  )
}
