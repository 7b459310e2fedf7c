import { useSyncExternalStore } from 'react'

/**
 * Below 1024 px the sidebar folds to icons (Tailwind's `max-lg`): the screen keeps the width its
 * tables need. Components that must behave differently when folded (tooltips on the icons) ask
 * this hook; everything else follows the same breakpoint in CSS.
 */
export const FOLDED_QUERY = '(max-width: 1023.98px)'

function subscribe(onChange: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => {}
  const mq = window.matchMedia(FOLDED_QUERY)
  mq.addEventListener('change', onChange)
  return () => mq.removeEventListener('change', onChange)
}

export function useFolded(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => typeof window.matchMedia === 'function' && window.matchMedia(FOLDED_QUERY).matches,
    () => false
  )
}
