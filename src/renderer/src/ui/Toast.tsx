import { CheckCircle2, Info, X, XCircle } from 'lucide-react'
import { Toast as T } from 'radix-ui'
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import { cx } from './cx'

export interface ToastInput {
  title: string
  description?: string
  tone?: 'ok' | 'info' | 'danger'
}
interface ToastItem extends ToastInput {
  id: number
}

const ToastContext = createContext<(t: ToastInput) => void>(() => {})

/**
 * Short confirmations of finished actions. Errors belong where they happened, not here.
 * The provider holds them; <ToastViewport/> is where they show (the frame puts it in the layout).
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([])
  const push = useCallback((t: ToastInput) => setItems((xs) => [...xs.slice(-3), { ...t, id: Date.now() + Math.random() }]), [])
  const remove = (id: number) => setItems((xs) => xs.filter((x) => x.id !== id))
  const value = useMemo(() => push, [push])
  return (
    <ToastContext.Provider value={value}>
      <T.Provider swipeDirection="right" duration={5000} label="Notification">
        {children}
        {items.map((t) => (
          <T.Root
            key={t.id}
            onOpenChange={(open) => !open && remove(t.id)}
            className="flex w-80 items-start gap-3 rounded-lg border border-line bg-surface p-3 shadow-pop"
          >
            {t.tone === 'danger' ? (
              <XCircle aria-hidden className="mt-0.5 size-4 shrink-0 text-danger" />
            ) : t.tone === 'info' ? (
              <Info aria-hidden className="mt-0.5 size-4 shrink-0 text-info" />
            ) : (
              <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0 text-ok" />
            )}
            <div className="min-w-0 flex-1">
              <T.Title className="font-medium">{t.title}</T.Title>
              {t.description && <T.Description className={cx('mt-0.5 text-[13px] text-muted')}>{t.description}</T.Description>}
            </div>
            <T.Close aria-label="Dismiss" className="rounded p-0.5 text-muted hover:text-fg">
              <X aria-hidden className="size-3.5" />
            </T.Close>
          </T.Root>
        ))}
      </T.Provider>
    </ToastContext.Provider>
  )
}

/**
 * A tray in the page's flow, under the screen, not a layer over it: while a toast shows the screen
 * above it is shorter by the tray's height, so a toast never covers a button (a floating corner
 * toast sat on the wizard's Continue and the last row's actions). Empty, it takes no room.
 * Must be rendered inside ToastProvider.
 */
export function ToastViewport() {
  return <T.Viewport className="flex shrink-0 flex-col items-end gap-2 border-t border-line bg-bg px-4 py-2 outline-none empty:hidden" />
}

export function useToast(): (t: ToastInput) => void {
  return useContext(ToastContext)
}
