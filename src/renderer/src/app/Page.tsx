import { useEffect, useRef, type ReactNode } from 'react'
import { cx } from '../ui'

/**
 * A screen's frame: its heading (focused when the screen opens, so keyboard and screen-reader
 * users land on it), a one-line description, actions on the right, and the content.
 */
export function Page({
  title,
  description,
  actions,
  children,
  className,
  width = 'wide'
}: {
  title: string
  description?: ReactNode
  actions?: ReactNode
  children: ReactNode
  className?: string
  /** medium: the wizard, whose step bar needs one line at 1280 px. */
  width?: 'narrow' | 'medium' | 'wide'
}) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    // A new screen (or wizard step) starts at its top.
    document.getElementById('main')?.scrollTo?.({ top: 0 })
    // Only move focus when it is not already inside the page (e.g. not on initial autofocus).
    if (document.activeElement === document.body || document.activeElement?.closest('nav[aria-label="Sections"]')) {
      heading.current?.focus({ preventScroll: true })
    }
  }, [title])
  return (
    <div className={cx('mx-auto px-7 py-6', width === 'narrow' ? 'max-w-3xl' : width === 'medium' ? 'max-w-4xl' : 'max-w-6xl', className)}>
      <header className="mb-6 flex items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 ref={heading} tabIndex={-1} className="text-xl font-semibold tracking-tight focus-visible:outline-none">
            {title}
          </h1>
          {description && <p className="mt-1 text-muted">{description}</p>}
        </div>
        {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
      </header>
      {children}
    </div>
  )
}
