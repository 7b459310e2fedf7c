import { describe, expect, it } from 'vitest'
import { comboError, supportedVersionError } from '@core/boards/board-media'
import { factoryInstaller, mediaFiles } from '@core/boards/media'
import { BUILT_IN_OVERLAYS, createOverlayCatalog } from '@core/boards/overlay-catalog'
import { AppError } from '@shared/errors'
import { withTempDir } from '../../helpers/tmp'

const ROCK5B = { name: 'rock5b', image: 'siderolabs/sbc-rockchip', ref: 'ghcr.io/siderolabs/sbc-rockchip:v0.1.6', digest: 'sha256:2a' }
const signal = new AbortController().signal

describe('the overlay list, cached per version with an offline fallback', () => {
  it('keeps the last answer per version and serves it, with its age, when the factory is unreachable', async () => {
    await withTempDir(async (dataDir) => {
      let online = true
      const catalog = createOverlayCatalog({
        dataDir,
        factoryUrl: 'http://127.0.0.1:9/',
        now: () => new Date('2026-12-01T10:00:00Z'),
        fetch: async () => {
          if (!online) throw new AppError('HTTP', 'connect ECONNREFUSED 127.0.0.1:9')
          return [ROCK5B]
        }
      })
      expect(await catalog.list('v1.12.4', signal)).toMatchObject({ source: 'factory', overlays: [ROCK5B], offlineReason: null })
      online = false
      expect(await catalog.list('v1.12.4', signal)).toMatchObject({
        source: 'cache',
        overlays: [ROCK5B],
        fetchedAt: '2026-12-01T10:00:00.000Z',
        offlineReason: 'connect ECONNREFUSED 127.0.0.1:9'
      })
      // Another version was never fetched: the built-in list.
      expect(await catalog.list('v1.13.0', signal)).toMatchObject({ source: 'built-in', overlays: BUILT_IN_OVERLAYS })
    })
  })

  it('says a version the factory does not know is unknown instead of falling back', async () => {
    await withTempDir(async (dataDir) => {
      const catalog = createOverlayCatalog({
        dataDir,
        factoryUrl: 'http://127.0.0.1:9',
        fetch: async () => {
          throw new AppError('NOT_FOUND', 'HTTP 404')
        }
      })
      await expect(catalog.list('v1.99.0', signal)).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringContaining('does not know Talos v1.99.0')
      })
    })
  })
})

describe('media choices', () => {
  it('refuses versions the app cannot drive and overlay combinations before asking the factory', () => {
    expect(supportedVersionError('v1.8.4', 'The ISO')).toBe(
      'The ISO is Talos v1.8.4, older than the oldest this app supports (v1.9). Use boot media of a newer version.'
    )
    expect(supportedVersionError('latest', 'The ISO')).toContain('is not a Talos version')
    expect(supportedVersionError('v1.9.0', 'The ISO')).toBeNull()
    const overlay = { image: 'siderolabs/sbc-rockchip', name: 'rock5b' }
    expect(comboError({ hostname: 'n', arch: 'amd64', overlay, secureBoot: false })).toContain('overlays carry arm64 board firmware')
    expect(comboError({ hostname: 'n', arch: 'arm64', overlay, secureBoot: true })).toContain('not UEFI Secure Boot')
    expect(comboError({ hostname: 'n', arch: 'arm64', overlay, secureBoot: false })).toBeNull()
  })

  it('names the Secure Boot ISO and installer, and the metal-<arch> kernel arguments', () => {
    const c = { schematicId: 'abc', version: 'v1.12.4', arch: 'amd64' as const, secureBoot: true }
    expect(factoryInstaller(c)).toBe('factory.talos.dev/metal-installer-secureboot/abc:v1.12.4')
    expect(mediaFiles(c)).toEqual({ iso: 'metal-amd64-secureboot.iso', kernelArgs: 'cmdline-metal-amd64' })
    expect(mediaFiles({ ...c, arch: 'arm64', secureBoot: false })).toEqual({ iso: 'metal-arm64.iso', kernelArgs: 'cmdline-metal-arm64' })
  })
})

describe('wild node detect shows the architecture, the board and Secure Boot', () => {
  it('prints where the arch comes from and the overlay command for a board', async () => {
    const { formatHardware } = await import('@cli/format-hardware')
    const { HW } = await import('../nodes/hardware-fixture')
    const text = formatHardware({
      ...HW,
      arch: 'arm64',
      archSource: 'board',
      archReason: 'It identifies as a Radxa ROCK 5B (SMBIOS "Radxa ROCK 5B"), an arm64 board.',
      board: { name: 'Radxa ROCK 5B', arch: 'arm64', overlay: { image: 'siderolabs/sbc-rockchip', name: 'rock5b' }, evidence: 'SMBIOS "Radxa ROCK 5B"' },
      secureBoot: true
    })
    expect(text).toContain('Architecture: arm64\n              It identifies as a Radxa ROCK 5B')
    expect(text).toContain('Board:        Radxa ROCK 5B: needs the overlay siderolabs/sbc-rockchip:rock5b')
    expect(text).toContain('Secure Boot:  enabled')
  })
})
