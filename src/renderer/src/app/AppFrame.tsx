import { useEffect, type ReactNode } from 'react'
import { InstanceSwitcher } from '../features/instances/InstanceSwitcher'
import { cx, Tooltip, ToastViewport } from '../ui'
import { Link } from './Link'
import { navigate, useRoute } from './router'
import { SECTIONS } from './sections'
import { useFolded } from './useFolded'

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)

/** Ctrl/Cmd+1..8 switch sections, in sidebar order. */
function useSectionShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = isMac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey
      if (!mod || e.altKey || e.shiftKey) return
      const n = Number(e.key)
      if (!Number.isInteger(n) || n < 1 || n > SECTIONS.length) return
      e.preventDefault()
      navigate(SECTIONS[n - 1]!.id)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}

/**
 * The window: sidebar (instance switcher, sections, running operations) and the screen.
 * `badges` adds a small count to a section (the Operations link shows running jobs).
 * Below 1024 px the sidebar folds to icons (names stay as aria-labels and show as tooltips), and
 * the running-operations footer hides: the Operations icon still carries their count.
 * Toasts sit in a tray under the screen, not over it, so they never cover a button.
 */
export function AppFrame({
  children,
  badges = {},
  footer,
  banner
}: {
  children: ReactNode
  badges?: Partial<Record<string, number>>
  footer?: ReactNode
  banner?: ReactNode
}) {
  const route = useRoute()
  const folded = useFolded()
  useSectionShortcuts()
  const mod = isMac ? '⌘' : 'Ctrl+'
  return (
    <div className="flex h-full min-h-0">
      <a
        href="#main"
        onClick={(e) => {
          e.preventDefault()
          document.getElementById('main')?.focus()
        }}
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-surface focus:px-3 focus:py-1.5"
      >
        Skip to content
      </a>
      <aside data-folded={folded || undefined} className="flex w-56 shrink-0 flex-col border-r border-line bg-surface max-lg:w-14">
        <div className="flex h-12 items-center gap-2 px-4 max-lg:justify-center max-lg:px-0">
          <span aria-hidden className="flex size-6 items-center justify-center rounded-md bg-accent text-[11px] font-bold text-accent-fg">
            W
          </span>
          <span className="font-semibold tracking-tight max-lg:hidden">Wild Central</span>
        </div>
        <InstanceSwitcher />
        <nav aria-label="Sections" className="mt-4 flex-1 overflow-y-auto px-3 max-lg:px-2">
          <ul className="flex flex-col gap-0.5">
            {SECTIONS.map((s, i) => {
              const active = route.section === s.id
              const Icon = s.icon
              const badge = badges[s.id] ?? 0
              const badgeId = `nav-badge-${s.id}`
              const link = (
                <Link
                  to={[s.id]}
                  aria-label={s.label}
                  aria-current={active ? 'page' : undefined}
                  aria-keyshortcuts={`${isMac ? 'Meta' : 'Control'}+${i + 1}`}
                  aria-describedby={badge > 0 ? badgeId : undefined}
                  className={cx(
                    'group relative flex h-8 items-center gap-2.5 rounded-md px-2.5 text-sm transition-colors max-lg:justify-center max-lg:px-0',
                    active ? 'bg-accent-soft font-medium text-accent-text' : 'text-muted hover:bg-surface-2 hover:text-fg'
                  )}
                >
                  <Icon aria-hidden className="size-4 shrink-0" />
                  <span className="flex-1 truncate max-lg:hidden">{s.label}</span>
                  {badge > 0 && (
                    <span
                      id={badgeId}
                      className="tabular rounded-full bg-accent px-1.5 text-[11px] leading-[18px] font-semibold text-accent-fg max-lg:absolute max-lg:-top-1 max-lg:-right-1 max-lg:px-1 max-lg:leading-4"
                    >
                      <span className="sr-only">{badge} running</span>
                      <span aria-hidden>{badge}</span>
                    </span>
                  )}
                  <kbd aria-hidden className="hidden font-sans text-[11px] text-subtle lg:group-hover:inline">
                    {mod}
                    {i + 1}
                  </kbd>
                </Link>
              )
              return (
                <li key={s.id}>
                  {folded ? (
                    <Tooltip content={s.label} side="right">
                      {link}
                    </Tooltip>
                  ) : (
                    link
                  )}
                </li>
              )
            })}
          </ul>
        </nav>
        <div className="max-lg:hidden">{footer}</div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        {banner}
        <main id="main" tabIndex={-1} className="min-h-0 flex-1 overflow-y-auto focus-visible:outline-none">
          {children}
        </main>
        <ToastViewport />
      </div>
    </div>
  )
}
