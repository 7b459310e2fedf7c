/**
 * Talos release tags: order, stability, the Kubernetes version each line ships with, and the
 * oldest the app can drive. Pure functions, so the version picker, the CLI and the checks before
 * an apply agree on every answer.
 */

export interface ParsedVersion {
  major: number
  minor: number
  patch: number
  /** "beta.1" in v1.12.0-beta.1; null for a release. */
  pre: string | null
}

const TAG = /^v(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:-([0-9A-Za-z.]{1,30}))?$/

export function parseTalosVersion(tag: string): ParsedVersion | null {
  const m = TAG.exec(tag)
  if (!m) return null
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), pre: m[4] ?? null }
}

/** Semver order of pre-release identifiers: numbers numerically and below words. */
function comparePre(a: string, b: string): number {
  const pa = a.split('.')
  const pb = b.split('.')
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i]
    const y = pb[i]
    if (x === undefined) return -1
    if (y === undefined) return 1
    const nx = /^\d+$/.test(x) ? Number(x) : null
    const ny = /^\d+$/.test(y) ? Number(y) : null
    if (nx !== null && ny !== null && nx !== ny) return nx - ny
    if (nx !== null && ny === null) return -1
    if (nx === null && ny !== null) return 1
    if (x !== y) return x < y ? -1 : 1
  }
  return 0
}

/** Negative when a is older than b; a pre-release is older than its release. */
export function compareTalosVersions(a: ParsedVersion, b: ParsedVersion): number {
  if (a.major !== b.major) return a.major - b.major
  if (a.minor !== b.minor) return a.minor - b.minor
  if (a.patch !== b.patch) return a.patch - b.patch
  if (a.pre === b.pre) return 0
  if (a.pre === null) return 1
  if (b.pre === null) return -1
  return comparePre(a.pre, b.pre)
}

/** The oldest Talos line whose maintenance mode and config the app speaks. */
export const OLDEST_SUPPORTED = { major: 1, minor: 9 } as const

export function isSupported(v: ParsedVersion): boolean {
  return v.major > OLDEST_SUPPORTED.major || (v.major === OLDEST_SUPPORTED.major && v.minor >= OLDEST_SUPPORTED.minor)
}

/**
 * The Kubernetes version each Talos line installs by default, as its latest release notes we
 * know of list it (v1.14.7: 1.37.1, v1.13.9: 1.36.3, v1.12.12: 1.35.8). A line newer than this
 * table gets no default: the operator is asked rather than handed an old Kubernetes.
 */
const KUBERNETES_BY_LINE: Record<string, string> = {
  '1.9': '1.32.3',
  '1.10': '1.33.0',
  '1.11': '1.34.1',
  '1.12': '1.35.8',
  '1.13': '1.36.3',
  '1.14': '1.37.1'
}

export function defaultKubernetesFor(tag: string): string | null {
  const v = parseTalosVersion(tag)
  return v ? (KUBERNETES_BY_LINE[`${v.major}.${v.minor}`] ?? null) : null
}

export interface TalosRelease {
  version: string
  preRelease: boolean
  /** The Kubernetes version this release installs by default; null when the app does not know. */
  kubernetes: string | null
}

/**
 * The factory's list made into what the picker offers: supported releases only, newest first,
 * pre-releases only when asked for, duplicates and unparsable tags dropped.
 */
export function offeredReleases(tags: readonly string[], options: { preReleases?: boolean } = {}): TalosRelease[] {
  const seen = new Set<string>()
  const parsed: { tag: string; v: ParsedVersion }[] = []
  for (const tag of tags) {
    const v = parseTalosVersion(tag)
    if (!v || seen.has(tag) || !isSupported(v)) continue
    if (v.pre !== null && !options.preReleases) continue
    seen.add(tag)
    parsed.push({ tag, v })
  }
  parsed.sort((a, b) => compareTalosVersions(b.v, a.v))
  return parsed.map(({ tag, v }) => ({ version: tag, preRelease: v.pre !== null, kubernetes: defaultKubernetesFor(tag) }))
}

/** What a new instance starts with: the newest stable release. */
export function recommendedRelease(releases: readonly TalosRelease[]): string | null {
  return releases.find((r) => !r.preRelease)?.version ?? null
}
