import { ExternalLink as Icon } from 'lucide-react'
import type { ReactNode } from 'react'
import { useCommandMutation } from '../api/hooks'

/** Opens an allowlisted documentation page in the system browser (never inside the app). */
export function ExternalLink({ url, children }: { url: string; children: ReactNode }) {
  const open = useCommandMutation('app.openExternal')
  return (
    <a
      href={url}
      onClick={(e) => {
        e.preventDefault()
        open.mutate({ url })
      }}
      className="inline-flex items-center gap-1 text-accent-text hover:underline"
    >
      {children}
      <Icon aria-hidden className="size-3" />
      <span className="sr-only">(opens in your browser)</span>
    </a>
  )
}
