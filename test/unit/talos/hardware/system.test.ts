import { describe, expect, it } from 'vitest'
import { formatDiskSize } from '@shared/format'
import { summarizeCpus, summarizeSystem, totalMemoryBytes } from '@core/talos/hardware/system'
import { parseResources } from '@core/talos/resources'
import { miniPcHardware } from '../fixtures/machines'
import { cpu, emit, memoryModule } from '../fixtures/resources'

describe('system summary', () => {
  it('summarises the CPU, skipping empty sockets', () => {
    expect(summarizeCpus(parseResources('cpus', emit(miniPcHardware.cpus)))).toEqual({
      model: '13th Gen Intel(R) Core(TM) i5-1340P',
      sockets: 1,
      cores: 12,
      threads: 16,
      maxSpeedMhz: 4600
    })
  })

  it('adds up two populated sockets', () => {
    const two = parseResources(
      'cpus',
      emit([cpu('CPU-0', { coreCount: 8, threadCount: 16, maxSpeedMhz: 3000 }), cpu('CPU-1', { coreCount: 8, threadCount: 16, maxSpeedMhz: 3200 })])
    )
    expect(summarizeCpus(two)).toMatchObject({ sockets: 2, cores: 16, threads: 32, maxSpeedMhz: 3200, model: null })
  })

  it('reports no CPU when SMBIOS has nothing useful', () => {
    expect(summarizeCpus([])).toBeNull()
    expect(summarizeCpus(parseResources('cpus', emit([cpu('CPU-0', { status: 'Unpopulated' })])))).toBeNull()
  })

  it('adds memory modules, skipping empty slots', () => {
    expect(totalMemoryBytes(parseResources('memorymodules', emit(miniPcHardware.memorymodules)))).toBe(32 * 1024 ** 3)
    expect(totalMemoryBytes(parseResources('memorymodules', emit([memoryModule('DIMM-0', 0)])))).toBeNull()
  })

  it('reads the vendor and product, and null without the resource', () => {
    const [info] = parseResources('systeminformation', emit(miniPcHardware.systeminformation))
    expect(summarizeSystem(info!)).toMatchObject({ manufacturer: 'Intel(R) Client Systems', productName: 'NUC13ANHi5', serialNumber: 'G6AN1234' })
    expect(summarizeSystem(null)).toBeNull()
  })
})

describe('formatDiskSize matches Talos pretty_size', () => {
  it.each([
    [0, '0 B'],
    [75_000_000, '75 MB'],
    [8_589_934_592, '8.6 GB'],
    [500_107_862_016, '500 GB'],
    [1_000_204_886_016, '1.0 TB'],
    [10_000_000_000, '10 GB']
  ])('%d → %s', (bytes, text) => {
    expect(formatDiskSize(bytes)).toBe(text)
  })
})
