/** Build facts per Talos release (reference talos.md §4, §6), for `version` and `gen config`. */

interface Release {
  sha: string
  go: string
  kubernetes: string
}

const RELEASES: Record<string, Release> = {
  'v1.9.6': { sha: 'd6f6e92b', go: 'go1.23.8', kubernetes: '1.32.4' },
  'v1.10.9': { sha: 'c48f7ede', go: 'go1.24.11', kubernetes: '1.33.6' },
  'v1.11.6': { sha: '6dd14300', go: 'go1.24.11', kubernetes: '1.34.1' },
  'v1.12.0': { sha: 'a4b8e2c1', go: 'go1.25.5', kubernetes: '1.35.0' },
  'v1.13.0': { sha: '5e0d7f93', go: 'go1.25.7', kubernetes: '1.35.2' }
}

const BY_MINOR: Record<string, Release> = {
  'v1.9': RELEASES['v1.9.6']!,
  'v1.10': RELEASES['v1.10.9']!,
  'v1.11': RELEASES['v1.11.6']!,
  'v1.12': RELEASES['v1.12.0']!,
  'v1.13': RELEASES['v1.13.0']!
}

/** Known tags give their real SHA; other patch releases borrow their minor's Go and Kubernetes. */
export function release(tag: string): Release {
  const known = RELEASES[tag]
  if (known) return known
  const minor = BY_MINOR[tag.split('.').slice(0, 2).join('.')] ?? RELEASES['v1.11.6']!
  let h = 0
  for (const c of tag) h = (h * 31 + c.charCodeAt(0)) >>> 0
  return { ...minor, sha: h.toString(16).padStart(8, '0').slice(0, 8) }
}

function parts(v: string): number[] {
  return v
    .replace(/^v/, '')
    .split('.')
    .map((p) => Number.parseInt(p, 10) || 0)
}

export function olderThan(a: string, b: string): boolean {
  const [x, y] = [parts(a), parts(b)]
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0)
  return false
}

/** `version`'s long block, tabs and trailing space after "Built:" included. */
export function longVersion(tag: string, arch: 'amd64' | 'arm64' = 'amd64'): string {
  const r = release(tag)
  return `\tTag:         ${tag}\n\tSHA:         ${r.sha}\n\tBuilt:       \n\tGo version:  ${r.go}\n\tOS/Arch:     linux/${arch}\n`
}

/**
 * Talos 1.12 reads the network documents and writes HostnameConfig into generated configs;
 * `version` may be a contract like v1.12 or a tag like v1.12.0.
 */
export function knowsNetworkDocuments(version: string): boolean {
  return !olderThan(version.split('.').length === 2 ? `${version}.0` : version, 'v1.12.0')
}
