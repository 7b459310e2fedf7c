import { describe, expect, it } from 'vitest'
import { estimate, ETA_WARMUP_MS, type EtaState } from '@core/assets/eta'

/** Feeds (ms, bytes) samples in order and answers the last estimate. */
function run(samples: [number, number][], total: number | null) {
  let state: EtaState | null = null
  let last = null as ReturnType<typeof estimate> | null
  for (const [at, bytes] of samples) {
    last = estimate(state, bytes, total, at)
    state = last.state
  }
  return last!
}

/** A steady 1 MB/s, sampled every 250 ms up to `until` ms. */
const steady = (until: number, perSecond = 1_000_000): [number, number][] =>
  Array.from({ length: until / 250 + 1 }, (_, i) => [i * 250, (i * 250 * perSecond) / 1000] as [number, number])

describe('download ETA', () => {
  it('gives no rate from one sample and no ETA while warming up', () => {
    expect(run([[0, 0]], 10_000_000)).toMatchObject({ bytesPerSecond: null, etaSeconds: null })
    const early = run(steady(ETA_WARMUP_MS - 250), 10_000_000)
    expect(early.bytesPerSecond).toBe(1_000_000)
    expect(early.etaSeconds).toBeNull()
  })

  it('gives the time left at a steady rate once warm, rounded up', () => {
    const e = run(steady(2000), 10_000_000)
    // 2 MB of 10 MB at 1 MB/s: 8 s left.
    expect(e.bytesPerSecond).toBe(1_000_000)
    expect(e.etaSeconds).toBe(8)
    expect(run([...steady(2000), [2250, 2_000_001]], 10_000_000).etaSeconds).toBeGreaterThan(8)
  })

  it('smooths a sudden burst instead of jumping to it', () => {
    const samples = steady(3000)
    // One sample at ten times the rate.
    samples.push([3250, 3_000_000 + 2_500_000])
    const e = run(samples, 100_000_000)
    expect(e.bytesPerSecond!).toBeGreaterThan(1_000_000)
    expect(e.bytesPerSecond!).toBeLessThan(4_000_000)
  })

  it('has no ETA without a total or while nothing flows', () => {
    expect(run(steady(3000), null)).toMatchObject({ bytesPerSecond: 1_000_000, etaSeconds: null })
    const stalled = run(
      Array.from({ length: 12 }, (_, i) => [i * 250, 0] as [number, number]),
      1000
    )
    expect(stalled).toMatchObject({ bytesPerSecond: 0, etaSeconds: null })
  })

  it('says 0 s when every byte is there', () => {
    expect(run(steady(2000), 2_000_000).etaSeconds).toBe(0)
  })

  it('starts afresh, warm-up included, when the counter goes back (a restart from byte 0)', () => {
    const e = run([...steady(3000), [3250, 100]], 10_000_000)
    expect(e).toMatchObject({ bytesPerSecond: null, etaSeconds: null })
    expect(e.state.since).toBe(3250)
  })

  it('counts the warm-up from the first sample of a resumed file, not from byte 0', () => {
    const resumed = steady(2000).map(([at, b]) => [at, b + 5_000_000] as [number, number])
    expect(run(resumed, 10_000_000).etaSeconds).toBe(3)
  })
})
