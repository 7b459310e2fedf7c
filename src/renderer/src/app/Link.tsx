import type { AnchorHTMLAttributes, Ref } from 'react'
import { hrefFor, navigate, type SectionId } from './router'

/**
 * An in-app link: a real <a> (role, focus, Enter) whose click moves the in-memory route.
 * Modified clicks are swallowed too: the app never opens a second window.
 */
export function Link({
  to,
  onClick,
  ref,
  ...rest
}: { to: [SectionId, ...string[]]; ref?: Ref<HTMLAnchorElement> } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  return (
    <a
      ref={ref}
      href={hrefFor(...to)}
      onClick={(e) => {
        onClick?.(e)
        e.preventDefault()
        navigate(...to)
      }}
      {...rest}
    />
  )
}
