import type { z } from 'zod'
import { validationError } from '../shared/errors'

/** Parses a command-line value with its contract schema; a bad one is a VALIDATION error naming the option. */
export function parseOption<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value)
  if (!r.success) throw validationError(r.error, 'option')
  return r.data
}
