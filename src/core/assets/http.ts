import { setTimeout as sleepTimer } from 'node:timers/promises'
import { AppError } from '../../shared/errors'
import { LazyDispatcher } from './undici-lazy'

export interface ProxySettings {
  /** A proxy set in the app; it wins over HTTP(S)_PROXY but NO_PROXY still sends a host direct. */
  proxy?: string | null
  /** The environment to read HTTPS_PROXY/HTTP_PROXY/NO_PROXY from (tests pass their own). */
  env?: NodeJS.ProcessEnv
}

export interface HttpClient {
  /** Made (and undici loaded) on the first request. */
  dispatcher: LazyDispatcher
  /** Closes pooled sockets; a closed client refuses new requests. */
  close(): Promise<void>
}

function envValue(env: NodeJS.ProcessEnv, name: string): string {
  return env[name.toLowerCase()] ?? env[name.toUpperCase()] ?? ''
}

/**
 * One pool of connections for the factory, behind the proxy the operator configured. The values
 * are always passed explicitly (an empty string means "none") so undici never reads
 * process.env on its own and tests stay hermetic. Redirects are followed because the factory
 * may answer 302 to a CDN.
 */
export function createHttpClient(settings: ProxySettings = {}): HttpClient {
  const env = settings.env ?? process.env
  const appProxy = settings.proxy?.trim() || ''
  const httpProxy = appProxy || envValue(env, 'http_proxy')
  const httpsProxy = appProxy || envValue(env, 'https_proxy') || httpProxy
  const noProxy = envValue(env, 'no_proxy')
  let base: { close(): Promise<void> } | null = null
  const dispatcher = new LazyDispatcher(({ Agent, EnvHttpProxyAgent, interceptors }) => {
    const made = httpProxy || httpsProxy ? new EnvHttpProxyAgent({ httpProxy, httpsProxy, noProxy }) : new Agent()
    base = made
    return made.compose(interceptors.redirect({ maxRedirections: 5 }))
  })
  let closed: Promise<void> | null = null
  return {
    dispatcher,
    // Never used: nothing to close. Used: wait for the agent, then close its sockets.
    close: () => (closed ??= dispatcher.started ? dispatcher.get().then(() => base?.close()) : Promise.resolve())
  }
}

export interface RetryPolicy {
  /** Total tries, the first included. */
  attempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 1000, maxDelayMs: 15_000 }

/** Exponential backoff with up to 25% jitter so several clients don't retry in step. */
export function backoffDelay(policy: RetryPolicy, failures: number, random: () => number = Math.random): number {
  const exp = policy.baseDelayMs * 2 ** Math.max(0, failures - 1)
  return Math.min(policy.maxDelayMs, Math.round(exp * (1 + 0.25 * random())))
}

export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await sleepTimer(ms, undefined, { signal })
  } catch {
    throw cancelled()
  }
}

export function cancelled(message = 'The download was cancelled. Start it again to resume where it stopped.'): AppError {
  return new AppError('CANCELLED', message)
}

/** Statuses worth another try: the server or something in between had a bad moment. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429
}

const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH'
])

function errorCode(e: unknown): string | undefined {
  let cur: unknown = e
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code
    if (typeof code === 'string' && code !== 'ERR_STREAM_PREMATURE_CLOSE') return code
    cur = (cur as { cause?: unknown }).cause
  }
  return undefined
}

/** A network failure (reset, refused, stall) that a retry may get past. */
export function isRetryableError(e: unknown): boolean {
  if (e instanceof AppError) return e.code === 'TIMEOUT' || (e.details as { retryable?: boolean })?.retryable === true
  const code = errorCode(e)
  if (code) return RETRYABLE_CODES.has(code)
  // A body cut short without a code (premature close) is a connection problem too.
  return e instanceof Error && /premature close|other side closed|terminated/i.test(e.message)
}

export function isStallError(e: unknown): boolean {
  const code = errorCode(e)
  return code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT'
}

/** What the operator reads when retries run out on a network failure. */
export function networkError(e: unknown, url: string, attempts: number): AppError {
  if (e instanceof AppError) return e
  if (isStallError(e)) {
    return new AppError(
      'TIMEOUT',
      `No data arrived from ${hostOf(url)} for too long (${attempts} attempts). Check the network or proxy and try again; the download resumes where it stopped.`,
      { url }
    )
  }
  const code = errorCode(e)
  const why = e instanceof Error ? e.message : String(e)
  return new AppError(
    'HTTP',
    `Could not reach ${hostOf(url)}: ${why}${code ? ` (${code})` : ''}. Check the network, the proxy setting and the factory URL, then try again.`,
    { url, code, retryable: false }
  )
}

/** A 4xx/5xx answer in words: a 404 means the version, schematic or architecture does not exist. */
export function statusError(status: number, url: string, what: string): AppError {
  if (status === 404) {
    return new AppError(
      'NOT_FOUND',
      `The Image Factory has no ${what} (HTTP 404 for ${url}). Check that the Talos version, the schematic id and the architecture exist.`,
      { status, url }
    )
  }
  if (status === 402) {
    return new AppError('HTTP', `The Image Factory refused ${what}: it is a paid feature there (HTTP 402).`, { status, url })
  }
  if (isRetryableStatus(status)) {
    return new AppError('HTTP', `The Image Factory kept failing for ${what} (HTTP ${status}). It may be busy building the image; try again in a few minutes.`, {
      status,
      url,
      retryable: true
    })
  }
  return new AppError('HTTP', `The Image Factory refused ${what} (HTTP ${status} for ${url}).`, { status, url })
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}
