import { useEffect, useRef } from 'react'

/**
 * A log view that follows new lines unless the operator scrolled up: pass what changes when
 * lines arrive; put `ref` and `onScroll` on the scrolling element.
 */
export function useStickyScroll<T extends HTMLElement>(changes: unknown) {
  const ref = useRef<T>(null)
  const stick = useRef(true)
  useEffect(() => {
    const el = ref.current
    if (el && stick.current) el.scrollTop = el.scrollHeight
  }, [changes])
  const onScroll = (e: { currentTarget: HTMLElement }) => {
    const el = e.currentTarget
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24
  }
  return { ref, onScroll }
}
