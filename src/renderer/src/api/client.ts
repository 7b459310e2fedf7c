import type { CommandInput, CommandName, CommandOutput } from '@shared/contract'
import type { ErrorCode } from '@shared/errors'
import type { WildApi } from '@preload/api'

/** What a failed command turns into on this side: the core's code and operator-facing message. */
export class ClientError extends Error {
  readonly code: ErrorCode
  readonly details?: unknown
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'ClientError'
    this.code = code
    this.details = details
  }
}

export function isClientError(e: unknown): e is ClientError {
  return e instanceof ClientError
}

/** The bridge, or a clear error when the page was opened without one (a plain browser tab). */
export function getWild(): WildApi {
  const wild = (globalThis as { wild?: WildApi }).wild
  if (!wild) {
    throw new ClientError('INTERNAL', 'The connection to the app is missing: this page only works inside Wild Central (or its browser harness).')
  }
  return wild
}

export function hasWild(): boolean {
  return Boolean((globalThis as { wild?: WildApi }).wild)
}

/**
 * The one typed entry point to the core: returns the command's value or throws a ClientError.
 * Components never call this directly; they use the hooks in hooks.ts.
 */
export async function call<K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandOutput<K>> {
  const envelope = await getWild().invoke(name, input)
  if (envelope.ok) return envelope.value
  const { code, message, details } = envelope.error
  throw new ClientError(code, message, details)
}

/** Turns anything caught into a ClientError so every error display has a code and a message. */
export function toClientError(e: unknown): ClientError {
  if (e instanceof ClientError) return e
  if (e && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'string' && typeof (e as { message?: unknown }).message === 'string') {
    const { code, message, details } = e as { code: ErrorCode; message: string; details?: unknown }
    return new ClientError(code, message, details)
  }
  const message = e instanceof Error ? e.message : String(e)
  return new ClientError('UNKNOWN', message || 'Something went wrong.')
}
