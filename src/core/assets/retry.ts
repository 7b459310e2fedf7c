import { AppError } from '../../shared/errors'
import { backoffDelay, cancelled, isRetryableError, networkError, sleep, type RetryPolicy } from './http'

/**
 * Runs a small request (schematic, extension list, HEAD) again after a reset or a 5xx, with
 * backoff; a 4xx or a cancel ends at once. Downloads have their own loop because they resume.
 */
export async function withRetries<T>(opts: { retry: RetryPolicy; signal: AbortSignal; url: string; random?: () => number }, fn: () => Promise<T>): Promise<T> {
  for (let failures = 1; ; failures++) {
    if (opts.signal.aborted) throw cancelled('The request to the Image Factory was cancelled.')
    try {
      return await fn()
    } catch (e) {
      if (opts.signal.aborted) throw cancelled('The request to the Image Factory was cancelled.')
      if (!isRetryableError(e) || failures >= opts.retry.attempts) {
        throw e instanceof AppError ? e : networkError(e, opts.url, failures)
      }
      await sleep(backoffDelay(opts.retry, failures, opts.random), opts.signal)
    }
  }
}
