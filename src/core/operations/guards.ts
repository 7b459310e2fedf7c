import { setTimeout as sleep } from 'node:timers/promises'
import { AppError } from '../../shared/errors'

export { sleep }

/** Parses a value a caller handed the registry; a bad one is a VALIDATION error naming it. */
export function check<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, value: unknown, what: string): T {
  const r = schema.safeParse(value)
  if (!r.success) throw new AppError('VALIDATION', `Invalid ${what}: ${JSON.stringify(value)}.`)
  return r.data
}

/** The promise's value, or null after `ms`; the timer is cleared either way so no process lingers. */
export async function within<T>(p: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<null>((r) => (timer = setTimeout(() => r(null), ms)))
  try {
    return await Promise.race([p, timeout])
  } finally {
    clearTimeout(timer)
  }
}
