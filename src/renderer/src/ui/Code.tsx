import { Check, Copy } from 'lucide-react'
import { useState } from 'react'
import { cx } from './cx'

export function CopyButton({ text, label = 'Copy', className }: { text: string; label?: string; className?: string }) {
  const [copied, setCopied] = useState(false)
  return (
    <button
      type="button"
      aria-label={label}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(
          () => {
            setCopied(true)
            setTimeout(() => setCopied(false), 1500)
          },
          () => {}
        )
      }}
      className={cx('inline-flex size-7 items-center justify-center rounded-md text-muted hover:bg-surface-3 hover:text-fg', className)}
    >
      {copied ? <Check aria-hidden className="size-3.5 text-ok" /> : <Copy aria-hidden className="size-3.5" />}
      <span className="sr-only" aria-live="polite">
        {copied ? 'Copied' : ''}
      </span>
    </button>
  )
}

/** A command or a file to read and copy. */
export function CodeBlock({
  code,
  label,
  className,
  maxHeight,
  wrap = false
}: {
  code: string
  label: string
  className?: string
  maxHeight?: string
  wrap?: boolean
}) {
  return (
    <div className={cx('relative rounded-md border border-line bg-code', className)}>
      <pre
        aria-label={label}
        tabIndex={0}
        className={cx('overflow-auto px-3 py-2.5 pr-10 text-[12.5px] leading-relaxed', wrap && 'whitespace-pre-wrap [overflow-wrap:anywhere]')}
        style={maxHeight ? { maxHeight } : undefined}
      >
        <code>{code}</code>
      </pre>
      <CopyButton text={code} label={`Copy ${label}`} className="absolute top-1.5 right-1.5" />
    </div>
  )
}
