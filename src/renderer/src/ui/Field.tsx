import { cloneElement, isValidElement, useId, type InputHTMLAttributes, type ReactElement, type ReactNode, type Ref, type SelectHTMLAttributes } from 'react'
import { cx } from './cx'

const control =
  'w-full rounded-md border border-line-strong bg-surface px-2.5 text-sm text-fg placeholder:text-subtle ' +
  'focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring focus-visible:border-ring ' +
  'disabled:cursor-not-allowed disabled:opacity-60 aria-[invalid=true]:border-danger'

/**
 * A label, the control, a hint and an inline error, wired together: the control gets the id,
 * aria-describedby and aria-invalid. The error takes the hint's place so nothing jumps.
 */
export function Field({
  label,
  hint,
  error,
  children,
  className,
  optional
}: {
  label: ReactNode
  hint?: ReactNode
  error?: string | null
  children: ReactElement<Record<string, unknown>>
  className?: string
  optional?: boolean
}) {
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const describedBy = error ? errorId : hint ? hintId : undefined
  const child = isValidElement(children)
    ? cloneElement(children, { id: (children.props.id as string | undefined) ?? id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })
    : children
  return (
    <div className={cx('flex flex-col gap-1.5', className)}>
      <label htmlFor={(children.props.id as string | undefined) ?? id} className="text-[13px] font-medium">
        {label}
        {optional && <span className="ml-1 font-normal text-subtle">(optional)</span>}
      </label>
      {child}
      {error ? (
        <p id={errorId} className="text-[13px] text-danger">
          {error}
        </p>
      ) : hint ? (
        <p id={hintId} className="text-[13px] text-muted">
          {hint}
        </p>
      ) : null}
    </div>
  )
}

export function Input({ className, ref, ...rest }: InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  return <input ref={ref} className={cx(control, 'h-8.5', className)} {...rest} />
}

export function Select({ className, children, ref, ...rest }: SelectHTMLAttributes<HTMLSelectElement> & { ref?: Ref<HTMLSelectElement> }) {
  return (
    <select ref={ref} className={cx(control, 'h-8.5 pr-8', className)} {...rest}>
      {children}
    </select>
  )
}
