import { useMemo } from 'react'
import { navigate as navigateHash, useHashLocation } from 'wouter/use-hash-location'

/**
 * The route is the URL's hash ("#/nodes/cp-1" → { section: 'nodes', rest: ['cp-1'] }), kept by
 * wouter's hash location: a reload returns to the same screen and selection, and back/forward
 * walk the history. A hash change is an in-page navigation, which the shell does not treat as a
 * new document (its event gate stays open).
 */
export const SECTION_IDS = ['setup', 'nodes', 'discovery', 'assets', 'netboot', 'operations', 'diagnostics', 'settings'] as const
export type SectionId = (typeof SECTION_IDS)[number]

export interface Route {
  section: SectionId
  rest: string[]
}

export function parseHash(hash: string): Route {
  const parts = hash
    .replace(/^#?\/?/, '')
    .split('?')[0]!
    .split('/')
    .filter(Boolean)
    .map(safeDecode)
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
  return `#${pathFor(section, rest)}`
}

function pathFor(section: SectionId, rest: readonly string[]): string {
  return `/${[section, ...rest.map(encodeURIComponent)].join('/')}`
}

export function navigate(section: SectionId, ...rest: string[]): void {
  const path = pathFor(section, rest)
  if (window.location.hash === `#${path}`) return
  navigateHash(path)
}

export function currentRoute(): Route {
  return parseHash(window.location.hash)
}

/** Tells the router the hash was set from outside (tests set location.hash directly). */
export function syncRouteFromLocation(): void {
  window.dispatchEvent(new HashChangeEvent('hashchange'))
}

export function useRoute(): Route {
  const [location] = useHashLocation()
  return useMemo(() => parseHash(location), [location])
}
