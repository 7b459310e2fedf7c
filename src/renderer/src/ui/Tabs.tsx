import { Tabs as T } from 'radix-ui'
import type { ReactNode } from 'react'
import { cx } from './cx'

export function Tabs({
  tabs,
  value,
  onValueChange,
  defaultValue,
  label,
  className
}: {
  tabs: Array<{ id: string; label: ReactNode; content: ReactNode }>
  value?: string
  onValueChange?: (v: string) => void
  defaultValue?: string
  label: string
  className?: string
}) {
  return (
    <T.Root value={value} onValueChange={onValueChange} defaultValue={defaultValue ?? tabs[0]?.id} className={className}>
      <T.List aria-label={label} className="flex gap-1 border-b border-line">
        {tabs.map((t) => (
          <T.Trigger
            key={t.id}
            value={t.id}
            className={cx(
              '-mb-px border-b-2 border-transparent px-3 py-2 text-sm text-muted hover:text-fg',
              'data-[state=active]:border-accent data-[state=active]:font-medium data-[state=active]:text-fg'
            )}
          >
            {t.label}
          </T.Trigger>
        ))}
      </T.List>
      {tabs.map((t) => (
        <T.Content key={t.id} value={t.id} className="pt-4 focus-visible:outline-none">
          {t.content}
        </T.Content>
      ))}
    </T.Root>
  )
}
