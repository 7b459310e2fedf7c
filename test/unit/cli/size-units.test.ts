import { describe, expect, it } from 'vitest'
import { formatHardware } from '@cli/format-hardware'
import { formatBytes, formatDiskSize } from '@shared/format'
import { formatBytes as uiFormatBytes, formatDiskSize as uiFormatDiskSize } from '@renderer/ui/format'
import { HW } from '../nodes/hardware-fixture'

describe('one size unit for the app and the CLI', () => {
  it('prints memory in binary units, as the app shows it', () => {
    const text = formatHardware({ ...HW, memoryBytes: 32 * 1024 ** 3 })
    expect(text).toContain('32.0 GiB RAM')
    expect(text).not.toMatch(/\d GB RAM/)
  })

  it('prints disks in decimal units as vendors and Talos label them', () => {
    expect(formatDiskSize(500_107_862_016)).toBe('500 GB')
    expect(formatDiskSize(1_000_204_886_016)).toBe('1.0 TB')
    expect(formatDiskSize(8_589_934_592)).toBe('8.6 GB')
  })

  it('is the same function in the renderer', () => {
    expect(uiFormatBytes).toBe(formatBytes)
    expect(uiFormatDiskSize).toBe(formatDiskSize)
    expect(formatBytes(null)).toBe('—')
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(41_943_040)).toBe('40.0 MiB')
  })
})
