import { request, type Dispatcher } from 'undici'
import { stringify } from 'yaml'
import { z } from 'zod'
import { Extension, SchematicId, type AssetType } from '../../shared/contract/assets'
import { AppError } from '../../shared/errors'
import { assetUrl, type AssetSet } from './catalog'
import { statusError, type RetryPolicy } from './http'
import { withRetries } from './retry'

export interface FactoryClientDeps {
  /** https://factory.talos.dev unless the operator points elsewhere (a mirror, a test server). */
  baseUrl: string
  dispatcher: Dispatcher
  retry: RetryPolicy
  headersTimeoutMs: number
  random?: () => number
}

const SchematicAnswer = z.object({ id: SchematicId })
const ExtensionList = z.array(Extension)

/**
 * The customization the factory hashes into a schematic id. Extensions are sorted and
 * de-duplicated so the same choice always gives the same id, whatever order it was picked in.
 */
export function schematicBody(extensions: string[]): string {
  const list = [...new Set(extensions)].sort()
  const customization = list.length ? { systemExtensions: { officialExtensions: list } } : {}
  return stringify({ customization })
}

export function createFactoryClient(deps: FactoryClientDeps) {
  const base = deps.baseUrl.replace(/\/+$/, '')
  const timeouts = { headersTimeout: deps.headersTimeoutMs, bodyTimeout: deps.headersTimeoutMs }
  const retrying = <T>(url: string, signal: AbortSignal, fn: () => Promise<T>) =>
    withRetries({ retry: deps.retry, signal, url, random: deps.random }, fn)

  async function readJson(body: { text(): Promise<string> }, url: string): Promise<unknown> {
    const text = await body.text()
    try {
      return JSON.parse(text)
    } catch {
      throw new AppError('HTTP', `The Image Factory at ${base} answered ${url} with something that is not JSON. Check the factory URL.`)
    }
  }

  function malformed(url: string, e: z.ZodError): AppError {
    return new AppError(
      'HTTP',
      `The Image Factory answered ${url} in an unexpected shape (${e.issues[0]?.message ?? 'invalid'}). Check the factory URL.`
    )
  }

  return {
    baseUrl: base,

    url(set: AssetSet, type: AssetType): string {
      return assetUrl(base, set, type)
    },

    /** POST /schematics: content-addressed, so asking twice for the same list is harmless. */
    async createSchematic(extensions: string[], signal: AbortSignal): Promise<{ id: string }> {
      const url = `${base}/schematics`
      return retrying(url, signal, async () => {
        const res = await request(url, {
          method: 'POST',
          dispatcher: deps.dispatcher,
          headers: { 'content-type': 'application/yaml' },
          body: schematicBody(extensions),
          signal,
          ...timeouts
        })
        if (res.statusCode >= 400) {
          const why = (await res.body.text().catch(() => '')).trim().slice(0, 200)
          const err = statusError(res.statusCode, url, 'a schematic for these extensions')
          if (res.statusCode === 400) {
            throw new AppError('VALIDATION', `The Image Factory rejected the extension list${why ? `: ${why}` : ''}.`, { status: 400 })
          }
          throw err
        }
        const parsed = SchematicAnswer.safeParse(await readJson(res.body, url))
        if (!parsed.success) throw malformed(url, parsed.error)
        return { id: parsed.data.id }
      })
    },

    /** GET /version/<v>/extensions/official. */
    async listExtensions(version: string, signal: AbortSignal): Promise<Extension[]> {
      const url = `${base}/version/${encodeURIComponent(version)}/extensions/official`
      return retrying(url, signal, async () => {
        const res = await request(url, { method: 'GET', dispatcher: deps.dispatcher, signal, ...timeouts })
        if (res.statusCode >= 400) {
          await res.body.dump().catch(() => {})
          throw statusError(res.statusCode, url, `extensions for Talos ${version}`)
        }
        const parsed = ExtensionList.safeParse(await readJson(res.body, url))
        if (!parsed.success) throw malformed(url, parsed.error)
        return parsed.data
      })
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
