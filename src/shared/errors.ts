import { z } from 'zod'

/** The closed set of error codes an operator-facing error may carry. */
export const ErrorCode = z.enum([
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'IO',
  'CONFIG_INVALID',
  'BUSY',
  'TALOSCTL_NOT_FOUND',
  'NODE_UNREACHABLE',
  'NOT_IN_MAINTENANCE',
  'CERT_OR_AUTH',
  'MAINTENANCE_UNSUPPORTED',
  'ALREADY_BOOTSTRAPPED',
  'TIMEOUT',
  'CANCELLED',
  'MALFORMED_OUTPUT',
  'HTTP',
  'DISK_FULL',
  'CHECKSUM_MISMATCH',
  'INTERNAL',
  'UNKNOWN'
])
export type ErrorCode = z.infer<typeof ErrorCode>

export const ErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.unknown().optional()
})
export type ErrorShape = z.infer<typeof ErrorShape>

/** The one error type that crosses every boundary: core → IPC envelope → renderer, core → CLI. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly details?: unknown
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.details = details
  }
  toJSON(): ErrorShape {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details }
  }
}

/** Turns anything thrown into an AppError without losing a code that is already there. */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e
  if (e instanceof z.ZodError) return validationError(e)
  if (e && typeof e === 'object' && 'name' in e && (e as Error).name === 'AbortError') {
    return new AppError('CANCELLED', 'The job was cancelled.')
  }
  const err = e as { code?: unknown; message: string }
  if (err && typeof err === 'object' && typeof err.code === 'string') {
    if (err.code === 'ENOSPC') return new AppError('DISK_FULL', `The disk is full: ${err.message}`)
    if (err.code === 'ENOENT') return new AppError('NOT_FOUND', err.message)
    if (err.code === 'EACCES' || err.code === 'EPERM') {
      return new AppError('IO', `Permission denied: ${err.message}. Check the data folder's owner and mode.`)
    }
  }
  const message = e instanceof Error ? e.message : String(e)
  return new AppError('INTERNAL', message || 'Unexpected error')
}

export function validationError(e: z.ZodError, what = 'input'): AppError {
  const first = e.issues[0]
  const where = first && first.path.length ? ` at ${first.path.join('.')}` : ''
  const message = first ? `Invalid ${what}${where}: ${first.message}` : `Invalid ${what}`
  return new AppError(
    'VALIDATION',
    message,
    e.issues.map((i) => ({ path: i.path.map(String), message: i.message, code: i.code }))
  )
}

/** The result of every IPC call: the renderer never sees Electron's generic invoke error. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorShape }
