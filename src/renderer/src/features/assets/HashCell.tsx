import { Check, Copy } from 'lucide-react'
import { useEffect, useState } from 'react'

/**
 * A SHA-256 in full, to compare with another copy character by character: monospace, wrapping,
 * selectable in one click, and a copy button that says "Copied" where it was pressed.
 */
export function HashCell({ sha256, of }: { sha256: string | null; of: string }) {
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const t = setTimeout(() => setCopied(false), 2000)
    return () => clearTimeout(t)
  }, [copied])
  if (!sha256) return <span className="text-muted">—</span>
  return (
    <div className="flex items-start gap-1">
      {/* 32 characters a line (16 below 1280 px, where a wider cell pushed the table past its area):
          the hash reads as even parts and never reflows. */}
      <code aria-label={`SHA-256 of ${of}`} className="w-[16ch] font-mono xl:w-[32ch] text-xs leading-5 break-all text-muted select-all">
        {sha256}
      </code>
      <span className="relative shrink-0">
        <button
          type="button"
          aria-label={`Copy the SHA-256 of ${of}`}
          onClick={() =>
            void navigator.clipboard?.writeText(sha256).then(
              () => setCopied(true),
              () => {}
            )
          }
          className="inline-flex size-6 items-center justify-center rounded-md text-muted hover:bg-surface-3 hover:text-fg focus-visible:outline-2 focus-visible:outline-accent"
        >
          {copied ? <Check aria-hidden className="size-3.5 text-ok" /> : <Copy aria-hidden className="size-3.5" />}
        </button>
        {/* Floats beside the button, so the confirmation moves nothing around it. */}
        <span
          aria-live="polite"
          className={copied ? 'absolute top-0 left-full z-10 ml-1 rounded bg-surface-3 px-1.5 py-0.5 text-xs whitespace-nowrap text-ok shadow-sm' : 'sr-only'}
        >
          {copied ? 'Copied' : ''}
        </span>
      </span>
    </div>
  )
}
