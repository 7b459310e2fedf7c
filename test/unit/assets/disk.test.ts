import { describe, expect, it } from 'vitest'
import { bytesNeeded, DISK_RESERVE, ensureFreeSpace, ESTIMATED_SIZE, spaceShortfall } from '@core/assets/disk'
import { formatBytes } from '@shared/format'

describe('disk space', () => {
  it('counts only the bytes a .part does not already hold, estimating unknown sizes', () => {
    expect(
      bytesNeeded([
        { type: 'kernel', size: 1000, partSize: 400 },
        { type: 'iso', size: null, partSize: 0 },
        { type: 'cmdline', size: 10, partSize: 50 }
      ])
    ).toBe(600 + ESTIMATED_SIZE.iso)
  })

  it.each([
    [10_000_000_000, 1000, 0],
    [DISK_RESERVE + 1000, 1000, 0],
    [DISK_RESERVE + 999, 1000, 1]
  ])('free %d, needed %d → short by %d', (free, needed, short) => {
    expect(spaceShortfall(free, needed)).toBe(short)
  })

  it('refuses with DISK_FULL saying how much is needed and free, from an injected statfs', async () => {
    const statfs = async () => ({ bavail: 1024n, bsize: 4096n })
    await expect(ensureFreeSpace(statfs, '/data/pxe', 300 * 1024 * 1024)).rejects.toMatchObject({
      code: 'DISK_FULL',
      message: expect.stringMatching(/needs 300\.0 MiB .* only 4\.0 MiB is free\. Free at least 360\.0 MiB/),
      details: { needed: 300 * 1024 * 1024, free: 4 * 1024 * 1024 }
    })
    await expect(ensureFreeSpace(async () => ({ bavail: 1e6, bsize: 4096 }), '/d', 1000)).resolves.toBeUndefined()
  })

  it('formats sizes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(1536)).toBe('1.5 KiB')
    expect(formatBytes(1024 ** 3)).toBe('1.0 GiB')
  })
})
