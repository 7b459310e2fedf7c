import { join } from 'node:path'
import { z } from 'zod'
import { Overlay } from '../../shared/contract/boards'
import { AppError, toAppError } from '../../shared/errors'
import { readJsonFile, writeJsonAtomically } from '../fs-safe'

/**
 * The factory's overlay list per Talos version, cached like the version list: asked each time,
 * the last answer kept per version for offline use, and a small built-in list last of all.
 * A version the factory does not know (404) is bad input, never papered over with the cache.
 */

/** Official overlays known when the app was built (Talos docs, "Single Board Computers"). */
export const BUILT_IN_OVERLAYS: Overlay[] = [
  { name: 'rpi_generic', image: 'siderolabs/sbc-raspberrypi', ref: '', digest: '' },
  { name: 'rpi_5', image: 'siderolabs/sbc-raspberrypi', ref: '', digest: '' },
  { name: 'rock5b', image: 'siderolabs/sbc-rockchip', ref: '', digest: '' },
  { name: 'rock4cplus', image: 'siderolabs/sbc-rockchip', ref: '', digest: '' },
  { name: 'jetson_nano', image: 'siderolabs/sbc-jetson', ref: '', digest: '' }
]

const CacheFile = z.object({ fetchedAt: z.iso.datetime(), factoryUrl: z.string(), overlays: z.array(Overlay) })

export interface OverlayList {
  version: string
  overlays: Overlay[]
  source: 'factory' | 'cache' | 'built-in'
  fetchedAt: string | null
  offlineReason: string | null
}

export interface OverlayCatalogDeps {
  dataDir: string
  factoryUrl: string
  fetch: (version: string, signal: AbortSignal) => Promise<Overlay[]>
  now?: () => Date
}

export function createOverlayCatalog(deps: OverlayCatalogDeps) {
  const base = deps.factoryUrl.replace(/\/+$/, '')
  const cachePath = (version: string) => join(deps.dataDir, 'cache', `overlays-${version.replace(/[^\w.-]/g, '_')}.json`)

  return {
    async list(version: string, signal: AbortSignal): Promise<OverlayList> {
      try {
        const overlays = await deps.fetch(version, signal)
        const fetchedAt = (deps.now?.() ?? new Date()).toISOString()
        await writeJsonAtomically(cachePath(version), { fetchedAt, factoryUrl: base, overlays }).catch(() => {})
        return { version, overlays, source: 'factory', fetchedAt, offlineReason: null }
      } catch (e) {
        if (signal.aborted) throw new AppError('CANCELLED', 'Listing overlays was cancelled.')
        const err = toAppError(e)
        if (err.code === 'NOT_FOUND') {
          throw new AppError(
            'NOT_FOUND',
            `The Image Factory does not know Talos ${version}, so it has no overlays for it. Pick a version from "wild talos versions".`
          )
        }
        const cached = CacheFile.safeParse(await readJsonFile(cachePath(version)).catch(() => null))
        if (cached.success && cached.data.factoryUrl === base) {
          return { version, overlays: cached.data.overlays, source: 'cache', fetchedAt: cached.data.fetchedAt, offlineReason: err.message }
        }
        return { version, overlays: BUILT_IN_OVERLAYS, source: 'built-in', fetchedAt: null, offlineReason: err.message }
      }
    }
  }
}

export type OverlayCatalog = ReturnType<typeof createOverlayCatalog>
