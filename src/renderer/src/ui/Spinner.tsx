import { Loader2 } from 'lucide-react'
import { cx } from './cx'

/** A spinner always comes with words: what is being waited for. */
export function Spinner({ label, className, inline = false }: { label: string; className?: string; inline?: boolean }) {
  return (
    <div role="status" aria-live="polite" className={cx('flex items-center gap-2 text-muted', !inline && 'py-6', className)}>
      <Loader2 aria-hidden className="size-4 shrink-0 animate-spin" />
      <span>{label}</span>
    </div>
  )
}
