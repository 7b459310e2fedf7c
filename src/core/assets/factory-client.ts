import { stringify } from 'yaml'
import { z } from 'zod'
import { Extension, SchematicId, type AssetType } from '../../shared/contract/assets'
import { Overlay, type OverlayRef } from '../../shared/contract/boards'
import { AppError } from '../../shared/errors'
import { request, type DispatcherLike } from './undici-lazy'
import { assetUrl, type AssetSet } from './catalog'
import { statusError, type RetryPolicy } from './http'
import { withRetries } from './retry'

export interface FactoryClientDeps {
  /** https://factory.talos.dev unless the operator points elsewhere (a mirror, a test server). */
  baseUrl: string
  dispatcher: DispatcherLike
  retry: RetryPolicy
  headersTimeoutMs: number
  random?: () => number
}

const SchematicAnswer = z.object({ id: SchematicId })
const ExtensionList = z.array(Extension)
const OverlayList = z.array(Overlay)

/**
 * The customization the factory hashes into a schematic id. Extensions are sorted and
 * de-duplicated so the same choice always gives the same id, whatever order it was picked in.
 */
export function schematicBody(extensions: string[], overlay?: OverlayRef | null): string {
  const list = [...new Set(extensions)].sort()
  const customization = list.length ? { systemExtensions: { officialExtensions: list } } : {}
  // An arm64 board's overlay (u-boot, device trees, firmware) sits beside the customization.
  return stringify(overlay ? { overlay: { image: overlay.image, name: overlay.name }, customization } : { customization })
}

export function createFactoryClient(deps: FactoryClientDeps) {
  const base = deps.baseUrl.replace(/\/+$/, '')
  const timeouts = { headersTimeout: deps.headersTimeoutMs, bodyTimeout: deps.headersTimeoutMs }
  const retrying = <T>(url: string, signal: AbortSignal, fn: () => Promise<T>) => withRetries({ retry: deps.retry, signal, url, random: deps.random }, fn)

  async function readJson(body: { text(): Promise<string> }, url: string): Promise<unknown> {
    const text = await body.text()
    try {
      return JSON.parse(text)
    } catch {
      throw new AppError('HTTP', `The Image Factory at ${base} answered ${url} with something that is not JSON. Check the factory URL.`)
    }
  }

  function malformed(url: string, e: z.ZodError): AppError {
    return new AppError('HTTP', `The Image Factory answered ${url} in an unexpected shape (${e.issues[0]?.message ?? 'invalid'}). Check the factory URL.`)
  }

  /** A JSON list the factory serves per version, checked against its schema. */
  async function getList<T>(path: string, schema: z.ZodType<T[]>, what: string, signal: AbortSignal): Promise<T[]> {
    const url = `${base}${path}`
    return retrying(url, signal, async () => {
      const res = await request(url, { method: 'GET', dispatcher: deps.dispatcher, signal, ...timeouts })
      if (res.statusCode >= 400) {
        await res.body.dump().catch(() => {})
        throw statusError(res.statusCode, url, what)
      }
      const parsed = schema.safeParse(await readJson(res.body, url))
      if (!parsed.success) throw malformed(url, parsed.error)
      return parsed.data
    })
  }

  return {
    baseUrl: base,

    url(set: AssetSet, type: AssetType): string {
      return assetUrl(base, set, type)
    },

    /** POST /schematics: content-addressed, so asking twice for the same list is harmless. */
    async createSchematic(extensions: string[], signal: AbortSignal, overlay?: OverlayRef | null): Promise<{ id: string }> {
      const url = `${base}/schematics`
      return retrying(url, signal, async () => {
        const res = await request(url, {
          method: 'POST',
          dispatcher: deps.dispatcher,
          headers: { 'content-type': 'application/yaml' },
          body: schematicBody(extensions, overlay),
          signal,
          ...timeouts
        })
        if (res.statusCode >= 400) {
          const why = (await res.body.text().catch(() => '')).trim().slice(0, 200)
          const err = statusError(res.statusCode, url, 'a schematic for these extensions')
          if (res.statusCode === 400) {
            const what = overlay ? `the schematic (overlay ${overlay.image} ${overlay.name} with these extensions)` : 'the extension list'
            throw new AppError('VALIDATION', `The Image Factory rejected ${what}${why ? `: ${why}` : ''}.`, { status: 400 })
          }
          throw err
        }
        const parsed = SchematicAnswer.safeParse(await readJson(res.body, url))
        if (!parsed.success) throw malformed(url, parsed.error)
        return { id: parsed.data.id }
      })
    },

    /** GET /version/<v>/extensions/official. */
    listExtensions(version: string, signal: AbortSignal): Promise<Extension[]> {
      return getList(`/version/${encodeURIComponent(version)}/extensions/official`, ExtensionList, `extensions for Talos ${version}`, signal)
    },

    /** GET /version/<v>/overlays/official: the boards the factory can build for at that version. */
    listOverlays(version: string, signal: AbortSignal): Promise<Overlay[]> {
      return getList(`/version/${encodeURIComponent(version)}/overlays/official`, OverlayList, `overlays for Talos ${version}`, signal)
    },

    /** HEAD for the size (progress and the disk check); null when the server does not say. */
    async assetSize(set: AssetSet, type: AssetType, what: string, signal: AbortSignal): Promise<number | null> {
      const url = assetUrl(base, set, type)
      return retrying(url, signal, async () => {
        const res = await request(url, { method: 'HEAD', dispatcher: deps.dispatcher, signal, ...timeouts })
        await res.body.dump().catch(() => {})
        if (res.statusCode >= 400) throw statusError(res.statusCode, url, what)
        const raw = res.headers['content-length']
        const n = Number(Array.isArray(raw) ? raw[0] : raw)
        return raw !== undefined && Number.isSafeInteger(n) && n >= 0 ? n : null
      })
    }
  }
}

export type FactoryClient = ReturnType<typeof createFactoryClient>
