import type { ComponentProps, HTMLAttributes, ReactNode, Ref, TdHTMLAttributes, ThHTMLAttributes } from 'react'
import { cx } from './cx'

/** Plain table primitives with the kit's look; DataTable adds sorting and filtering. */
export function Table({ className, children, label, ...rest }: HTMLAttributes<HTMLTableElement> & { label: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-line bg-surface">
      <table aria-label={label} className={cx('w-full border-collapse text-left text-sm', className)} {...rest}>
        {children}
      </table>
    </div>
  )
}

export function THead({ children }: { children: ReactNode }) {
  return <thead className="bg-surface-2 text-xs text-muted">{children}</thead>
}

export function TBody({ children, ref }: { children: ReactNode; ref?: Ref<HTMLTableSectionElement> }) {
  return (
    <tbody ref={ref} className="[&>tr:last-child]:border-b-0">
      {children}
    </tbody>
  )
}

export function TR({ className, ...rest }: ComponentProps<'tr'>) {
  return <tr className={cx('border-b border-line', className)} {...rest} />
}

export function TH({ className, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={cx('px-2.5 py-2 font-medium whitespace-nowrap first:pl-3.5 last:pr-3.5', className)} {...rest} />
}

export function TD({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cx('px-2.5 py-2.5 align-middle first:pl-3.5 last:pr-3.5', className)} {...rest} />
}
