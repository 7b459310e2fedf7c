import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react'
import { cx } from './cx'
import { Tooltip } from './Tooltip'

export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'aria-label'> {
  /** Required: the accessible name and the tooltip. */
  label: string
  icon: ReactNode
  tone?: 'default' | 'danger'
  ref?: Ref<HTMLButtonElement>
}

export function IconButton({ label, icon, tone = 'default', className, type = 'button', ref, ...rest }: IconButtonProps) {
  return (
    <Tooltip content={label}>
      <button
        ref={ref}
        type={type}
        aria-label={label}
        className={cx(
          'inline-flex size-8 items-center justify-center rounded-md text-muted transition-colors hover:bg-surface-2 hover:text-fg',
          'disabled:cursor-not-allowed disabled:opacity-50',
          tone === 'danger' && 'hover:text-danger',
          className
        )}
        {...rest}
      >
        <span aria-hidden className="[&>svg]:size-4">
          {icon}
        </span>
      </button>
    </Tooltip>
  )
}
