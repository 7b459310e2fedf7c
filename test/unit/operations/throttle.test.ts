import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createCoalescingWriter, createThrottle, realTimers } from '@core/operations/throttle'

describe('throttle', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('runs the first request at once and collapses a burst into one trailing run', () => {
    const fn = vi.fn()
    const t = createThrottle(fn, 250, realTimers)
    t.request()
    expect(fn).toHaveBeenCalledTimes(1)
    for (let i = 0; i < 50; i++) t.request()
    expect(fn).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(250)
    expect(fn).toHaveBeenCalledTimes(2)
  })

  it('never runs more than 4 times a second under a steady stream of changes', () => {
    const fn = vi.fn()
    const t = createThrottle(fn, 250, realTimers)
    for (let ms = 0; ms < 3000; ms += 10) {
      t.request()
      vi.advanceTimersByTime(10)
    }
    expect(fn.mock.calls.length).toBeGreaterThanOrEqual(11)
    expect(fn.mock.calls.length).toBeLessThanOrEqual(13)
  })

  it('flush runs at once and drops the scheduled run', () => {
    const fn = vi.fn()
    const t = createThrottle(fn, 250, realTimers)
    t.request()
    t.request()
    t.flush()
    expect(fn).toHaveBeenCalledTimes(2)
    vi.advanceTimersByTime(1000)
    expect(fn).toHaveBeenCalledTimes(2)
  })
})

describe('coalescing writer', () => {
  it('never overlaps writes and collapses requests made during a write into one', async () => {
    let active = 0
    let maxActive = 0
    let writes = 0
    const w = createCoalescingWriter(async () => {
      active++
      maxActive = Math.max(maxActive, active)
      await new Promise((r) => setTimeout(r, 5))
      writes++
      active--
    })
    const all = [w.write(), w.write(), w.write(), w.write()]
    await Promise.all(all)
    await w.idle()
    expect(maxActive).toBe(1)
    expect(writes).toBe(2)
  })
})
