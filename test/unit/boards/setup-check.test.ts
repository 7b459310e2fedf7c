import { describe, expect, it } from 'vitest'
import { boardSetupError } from '@core/boards/setup-check'

const ROCK5B = { image: 'siderolabs/sbc-rockchip', name: 'rock5b' }
const SCHEMATIC = 'a'.repeat(64)
const chosen = { arch: 'arm64' as const, overlay: ROCK5B, secureBoot: false, schematicId: SCHEMATIC }

/** Issue 15: an arm64 board without its overlay would not boot, so setup refuses it before anything is applied. */
describe('the board check setup makes before it applies anything', () => {
  it('refuses a detected arm64 machine with no board choice, naming the Hardware step', () => {
    const err = boardSetupError({ hostname: 'sbc-1', schematicId: null }, null, { arch: 'arm64', archReason: 'Talos reports arm64.' })
    expect(err).toContain('sbc-1 is an arm64 machine (Talos reports arm64.) with no board overlay')
    expect(err).toContain("Choose the board's overlay on the Hardware step")
    expect(err).toContain('wild board media sbc-1 --arch arm64 --overlay IMAGE:NAME')
  })

  it('refuses an arm64 choice saved without an overlay', () => {
    const err = boardSetupError({ hostname: 'sbc-1', schematicId: SCHEMATIC }, { ...chosen, overlay: null }, null)
    expect(err).toContain('sbc-1 is an arm64 machine (chosen on the Hardware step) with no board overlay')
  })

  it('refuses when the node no longer carries the schematic made with its overlay', () => {
    const err = boardSetupError({ hostname: 'sbc-1', schematicId: 'b'.repeat(64) }, chosen, null)
    expect(err).toContain("sbc-1's schematic is not the one made with its overlay siderolabs/sbc-rockchip rock5b")
    expect(err).toContain("Choose the board's overlay on the Hardware step again")
  })

  it('passes an arm64 board with its overlay schematic, amd64 machines, and machines nothing is known about', () => {
    expect(boardSetupError({ hostname: 'sbc-1', schematicId: SCHEMATIC }, chosen, { arch: 'arm64', archReason: 'x' })).toBeNull()
    expect(boardSetupError({ hostname: 'pc-1', schematicId: null }, null, { arch: 'amd64', archReason: 'x' })).toBeNull()
    expect(boardSetupError({ hostname: 'pc-1', schematicId: null }, null, { arch: null, archReason: 'unknown' })).toBeNull()
    expect(boardSetupError({ hostname: 'pc-1', schematicId: null }, null, null)).toBeNull()
  })

  it('takes the operator’s choice over detection', () => {
    const amd = { arch: 'amd64' as const, overlay: null, secureBoot: true, schematicId: SCHEMATIC }
    expect(boardSetupError({ hostname: 'pc-1', schematicId: SCHEMATIC }, amd, { arch: 'arm64', archReason: 'CPU' })).toBeNull()
  })
})
