import { useSyncExternalStore } from 'react'

/**
 * A hash router: works the same from file://, from http://127.0.0.1 and in tests, and keeps
 * back/forward. "#/nodes/cp-1" → { section: 'nodes', rest: ['cp-1'] }.
 */
export const SECTION_IDS = ['setup', 'nodes', 'discovery', 'assets', 'operations', 'diagnostics', 'settings'] as const
export type SectionId = (typeof SECTION_IDS)[number]

export interface Route {
  section: SectionId
  rest: string[]
}

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(safeDecode)
  const first = parts[0] as SectionId | undefined
  if (first && (SECTION_IDS as readonly string[]).includes(first)) return { section: first, rest: parts.slice(1) }
  return { section: 'setup', rest: [] }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

export function hrefFor(section: SectionId, ...rest: string[]): string {
  return `#/${[section, ...rest.map(encodeURIComponent)].join('/')}`
}

/**
 * The route lives in memory, seeded from the URL's hash at start (deep links, the e2e harness).
 * Moving around does not touch the URL: an in-page navigation would make the shell treat the
 * page as reloading (and hold its pushed events), and a desktop window has no address bar.
 */
let lastHash = typeof window === 'undefined' ? '' : window.location.hash
let current: Route = parseHash(lastHash)
const listeners = new Set<() => void>()

function emit(): void {
  for (const l of [...listeners]) l()
}

export function navigate(section: SectionId, ...rest: string[]): void {
  const next: Route = { section, rest }
  if (next.section === current.section && next.rest.join('/') === current.rest.join('/')) return
  current = next
  emit()
}

export function currentRoute(): Route {
  return current
}

/** Re-reads the route from the URL (start-up, tests, or a host that set the hash). */
export function syncRouteFromLocation(): void {
  lastHash = window.location.hash
  current = parseHash(lastHash)
  emit()
}

function subscribe(cb: () => void): () => void {
  listeners.add(cb)
  // Only a hash that really changed since we last read it moves the route.
  const onHash = () => {
    if (window.location.hash !== lastHash) syncRouteFromLocation()
  }
  window.addEventListener('hashchange', onHash)
  return () => {
    listeners.delete(cb)
    window.removeEventListener('hashchange', onHash)
  }
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, currentRoute, currentRoute)
}
