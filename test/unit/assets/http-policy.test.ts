import { describe, expect, it } from 'vitest'
import { backoffDelay, isRetryableError, isRetryableStatus, networkError, statusError } from '@core/assets/http'
import { AppError } from '@shared/errors'

describe('retry policy', () => {
  const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 500 }

  it('doubles the delay per failure up to the cap, with at most 25% jitter', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(policy, n, () => 0))).toEqual([100, 200, 400, 500])
    expect(backoffDelay(policy, 1, () => 1)).toBe(125)
  })

  it.each([
    [500, true],
    [503, true],
    [429, true],
    [408, true],
    [404, false],
    [403, false],
    [400, false]
  ])('HTTP %d retryable: %s', (status, yes) => {
    expect(isRetryableStatus(status)).toBe(yes)
  })

  it('retries resets, refused connections and undici timeouts, not programming errors', () => {
    expect(isRetryableError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true)
    expect(isRetryableError(Object.assign(new Error('x'), { code: 'UND_ERR_BODY_TIMEOUT' }))).toBe(true)
    expect(isRetryableError(Object.assign(new Error('wrapped'), { cause: { code: 'UND_ERR_SOCKET' } }))).toBe(true)
    expect(isRetryableError(new TypeError('bad'))).toBe(false)
    expect(isRetryableError(statusError(502, 'u', 'x'))).toBe(true)
    expect(isRetryableError(statusError(404, 'u', 'x'))).toBe(false)
  })

  it('explains a 404 as a missing version, schematic or architecture', () => {
    const e = statusError(404, 'https://f/image/x/v9/kernel-amd64', 'kernel-amd64 for Talos v9')
    expect(e).toBeInstanceOf(AppError)
    expect(e.code).toBe('NOT_FOUND')
    expect(e.message).toMatch(/has no kernel-amd64 for Talos v9 .*Talos version, the schematic id and the architecture exist/)
  })

  it('turns a stall into TIMEOUT and other network failures into HTTP with what to check', () => {
    expect(networkError(Object.assign(new Error('t'), { code: 'UND_ERR_BODY_TIMEOUT' }), 'https://factory.talos.dev/x', 3).code).toBe('TIMEOUT')
    const e = networkError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'https://factory.talos.dev/x', 3)
    expect(e.code).toBe('HTTP')
    expect(e.message).toMatch(/Could not reach factory\.talos\.dev.*proxy/)
  })
})
