import { join } from 'node:path'
import { z } from 'zod'
import { AppError, toAppError } from '../../shared/errors'
import { request, type DispatcherLike } from '../assets/undici-lazy'
import { readJsonFile, writeJsonAtomically } from '../fs-safe'
import { offeredReleases, recommendedRelease, type TalosRelease } from './releases'

/**
 * Releases known when this app was built: what a machine that has never reached the factory
 * (and so has no cached list) is offered, marked as such.
 */
export const BUILT_IN_VERSIONS = ['v1.14.7', 'v1.13.10', 'v1.12.12', 'v1.11.6'] as const

const FactoryVersions = z.array(z.string().max(64)).max(5000)
const CacheFile = z.object({ fetchedAt: z.iso.datetime(), factoryUrl: z.string(), versions: FactoryVersions })

export type VersionSource = 'factory' | 'cache' | 'built-in'

export interface VersionList {
  releases: TalosRelease[]
  /** The newest stable release: preselected for a new instance. */
  recommended: string | null
  source: VersionSource
  /** When the list was fetched from the factory (null for the built-in list). */
  fetchedAt: string | null
  /** Why the factory's own list could not be had this time, when it could not. */
  offlineReason: string | null
}

export interface VersionCatalogDeps {
  dataDir: string
  factoryUrl: string
  dispatcher: () => DispatcherLike
  timeoutMs?: number
  now?: () => Date
}

export function createVersionCatalog(deps: VersionCatalogDeps) {
  const cachePath = join(deps.dataDir, 'cache', 'talos-versions.json')
  const base = deps.factoryUrl.replace(/\/+$/, '')
  const timeoutMs = deps.timeoutMs ?? 10_000

  async function fetchFromFactory(signal: AbortSignal): Promise<string[]> {
    const url = `${base}/versions`
    const res = await request(url, {
      dispatcher: deps.dispatcher(),
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs
    })
    const text = await res.body.text()
    if (res.statusCode >= 400) throw new AppError('HTTP', `The Image Factory answered ${url} with HTTP ${res.statusCode}.`)
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      throw new AppError('HTTP', `The Image Factory answered ${url} with something that is not JSON. Check the factory URL.`)
    }
    const parsed = FactoryVersions.safeParse(json)
    if (!parsed.success) throw new AppError('HTTP', `The Image Factory answered ${url} with something that is not a list of versions.`)
    return parsed.data
  }

  async function readCache(): Promise<z.infer<typeof CacheFile> | null> {
    try {
      const parsed = CacheFile.safeParse(await readJsonFile(cachePath))
      // A list cached from another factory (a mirror, a test server) is not this factory's.
      return parsed.success && parsed.data.factoryUrl === base ? parsed.data : null
    } catch {
      return null
    }
  }

  return {
    /**
     * The versions to offer. Asks the factory; when it cannot be reached, the last list it gave
     * (with its age), and failing that the built-in list. Never throws for being offline.
     */
    async list(options: { preReleases?: boolean; signal: AbortSignal }): Promise<VersionList> {
      const shape = (tags: readonly string[], source: VersionSource, fetchedAt: string | null, offlineReason: string | null) => {
        const releases = offeredReleases(tags, { preReleases: options.preReleases })
        return { releases, recommended: recommendedRelease(releases), source, fetchedAt, offlineReason }
      }
      try {
        const versions = await fetchFromFactory(options.signal)
        const fetchedAt = (deps.now?.() ?? new Date()).toISOString()
        // The cache only speeds the next offline start; failing to write it is not an error.
        await writeJsonAtomically(cachePath, { fetchedAt, factoryUrl: base, versions }).catch(() => {})
        return shape(versions, 'factory', fetchedAt, null)
      } catch (e) {
        if (options.signal.aborted) throw new AppError('CANCELLED', 'Listing Talos versions was cancelled.')
        const why = toAppError(e).message
        const cached = await readCache()
        if (cached) return shape(cached.versions, 'cache', cached.fetchedAt, why)
        return shape(BUILT_IN_VERSIONS, 'built-in', null, why)
      }
    }
  }
}

export type VersionCatalog = ReturnType<typeof createVersionCatalog>
