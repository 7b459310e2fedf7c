import { X } from 'lucide-react'
import { Dialog as D } from 'radix-ui'
import { useRef, type ReactNode } from 'react'
import { cx } from './cx'

/**
 * A modal with a title, an optional description, a body and a footer. Focus is trapped,
 * Escape closes it, and focus goes back to what opened it. Mark the field to start in with
 * data-autofocus (React's autoFocus alone can lose to the focus trap).
 */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  footer,
  width = 'md',
  onSubmit
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  description?: ReactNode
  children?: ReactNode
  footer?: ReactNode
  width?: 'sm' | 'md' | 'lg'
  /** When given, the body and footer are a form and Enter submits. */
  onSubmit?: () => void
}) {
  // Our dialogs are opened from state, not a Radix Trigger, so Radix has nowhere to return focus
  // on close (Escape included) and drops it on <body>. Remember what had focus when it opened —
  // read during the render that opens it, before the focus trap moves it — and return there.
  const opener = useRef<HTMLElement | null>(null)
  const wasOpen = useRef(false)
  if (open && !wasOpen.current && typeof document !== 'undefined') {
    const active = document.activeElement
    opener.current = active instanceof HTMLElement && active !== document.body ? active : null
  }
  wasOpen.current = open
  const body = (
    <>
      {children && <div className="px-5 pb-2">{children}</div>}
      {footer && <div className="flex justify-end gap-2 border-t border-line px-5 py-3.5 mt-3">{footer}</div>}
    </>
  )
  return (
    <D.Root open={open} onOpenChange={onOpenChange}>
      <D.Portal>
        <D.Overlay className="fixed inset-0 z-40 bg-overlay" />
        <D.Content
          onCloseAutoFocus={(e) => {
            const back = opener.current
            if (back?.isConnected) {
              e.preventDefault()
              back.focus()
            }
          }}
          onOpenAutoFocus={(e) => {
            // The field marked data-autofocus gets the focus, however the dialog was opened
            // (a menu item that closes as the dialog opens hands focus back to its trigger).
            const first = (e.currentTarget as HTMLElement | null)?.querySelector<HTMLElement>('[data-autofocus]')
            if (first) {
              e.preventDefault()
              first.focus()
            }
          }}
          className={cx(
            'fixed top-1/2 left-1/2 z-50 max-h-[85vh] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 overflow-auto',
            'rounded-xl border border-line bg-surface shadow-pop',
            width === 'sm' && 'max-w-sm',
            width === 'md' && 'max-w-lg',
            width === 'lg' && 'max-w-2xl'
          )}
        >
          <div className="flex items-start justify-between gap-4 px-5 pt-4 pb-3">
            <div>
              <D.Title className="text-base font-semibold">{title}</D.Title>
              {description ? (
                <D.Description className="mt-1 text-muted">{description}</D.Description>
              ) : (
                <D.Description className="sr-only">{title}</D.Description>
              )}
            </div>
            <D.Close
              aria-label="Close"
              className="-mr-1.5 inline-flex size-7 items-center justify-center rounded-md text-muted hover:bg-surface-2 hover:text-fg"
            >
              <X aria-hidden className="size-4" />
            </D.Close>
          </div>
          {onSubmit ? (
            <form
              noValidate
              onSubmit={(e) => {
                e.preventDefault()
                onSubmit()
              }}
            >
              {body}
            </form>
          ) : (
            body
          )}
        </D.Content>
      </D.Portal>
    </D.Root>
  )
}
