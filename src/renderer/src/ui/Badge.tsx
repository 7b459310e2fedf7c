import type { ReactNode } from 'react'
import { cx } from './cx'

export type Tone = 'neutral' | 'ok' | 'warn' | 'danger' | 'info' | 'accent'

const tones: Record<Tone, string> = {
  neutral: 'bg-surface-3 text-muted',
  ok: 'bg-ok-soft text-ok',
  warn: 'bg-warn-soft text-warn',
  danger: 'bg-danger-soft text-danger',
  info: 'bg-info-soft text-info',
  accent: 'bg-accent-soft text-accent-text'
}

export function Badge({
  tone = 'neutral',
  children,
  className,
  icon,
  title
}: {
  tone?: Tone
  children: ReactNode
  className?: string
  icon?: ReactNode
  title?: string
}) {
  return (
    <span
      title={title}
      className={cx('inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap [&>svg]:size-3', tones[tone], className)}
    >
      {icon}
      {children}
    </span>
  )
}
