import { describe, expect, it } from 'vitest'
import { assetState } from '@core/assets/state'

const entry = {
  url: 'u',
  size: 100,
  sha256: 'a'.repeat(64),
  downloadedAt: '2025-01-01T00:00:00.000Z',
  verifiedAt: null,
  corrupt: false
}

describe('assetState', () => {
  it.each([
    ['nothing on disk', { file: null, part: null }, undefined, 'missing', 0],
    ['only a .part', { file: null, part: 40 }, undefined, 'partial', 40],
    ['a .part beside an old record', { file: null, part: 40 }, entry, 'partial', 40],
    ['a file with its recorded size', { file: 100, part: null }, entry, 'downloaded', 100],
    ['a file with another size', { file: 99, part: null }, entry, 'corrupt', 99],
    ['a file a verify found corrupt', { file: 100, part: null }, { ...entry, corrupt: true }, 'corrupt', 100],
    ['a file without a record', { file: 100, part: null }, undefined, 'unknown', 100],
    ['a finished file beside a stray .part', { file: 100, part: 7 }, entry, 'downloaded', 100]
  ] as const)('%s → %s', (_name, disk, e, state, size) => {
    const v = assetState(disk, e)
    expect(v.state).toBe(state)
    expect(v.size).toBe(size)
    expect(v.downloaded).toBe(state === 'downloaded')
  })

  it('only vouches for a hash it has a record of', () => {
    expect(assetState({ file: 100, part: null }, undefined).sha256).toBeNull()
    expect(assetState({ file: 100, part: null }, entry).sha256).toBe(entry.sha256)
  })
})
