import { cx } from './cx'
import { CopyButton } from './Code'
import { useStickyScroll } from './useStickyScroll'

/**
 * The tail of a job's log: fixed height, follows new lines unless the operator scrolled up.
 */
export function LogView({ lines, label, className, height = '12rem' }: { lines: string[]; label: string; className?: string; height?: string }) {
  const { ref, onScroll } = useStickyScroll<HTMLPreElement>(lines)
  return (
    <div className={cx('relative rounded-md border border-line bg-code', className)}>
      <pre
        ref={ref}
        role="log"
        aria-label={label}
        tabIndex={0}
        onScroll={onScroll}
        className="overflow-auto px-3 py-2 pr-10 text-[12px] leading-relaxed whitespace-pre-wrap"
        style={{ height }}
      >
        {lines.length ? lines.join('\n') : <span className="text-subtle">No output yet.</span>}
      </pre>
      {lines.length > 0 && <CopyButton text={lines.join('\n')} label={`Copy ${label.toLowerCase()}`} className="absolute top-1.5 right-3" />}
    </div>
  )
}
