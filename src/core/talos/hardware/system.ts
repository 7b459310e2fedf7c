import type { CpuInfo, SystemInfo } from '@shared/contract/talos'
import type { Cpu, MemoryModule, SystemInformation } from '../resources'

/** SMBIOS often lists empty sockets; Omni skips entries with no cores and no speed, and so do we. */
export function summarizeCpus(cpus: Cpu[]): CpuInfo | null {
  const real = cpus.filter((c) => (c.spec.coreCount ?? 0) > 0 || (c.spec.maxSpeedMhz ?? 0) > 0)
  if (!real.length) return null
  const sum = (k: 'coreCount' | 'threadCount') => (real.every((c) => c.spec[k] === undefined) ? null : real.reduce((n, c) => n + (c.spec[k] ?? 0), 0))
  const first = real[0]!.spec
  const speeds = real.map((c) => c.spec.maxSpeedMhz ?? 0).filter((s) => s > 0)
  return {
    model: first.productName?.trim() || first.manufacturer?.trim() || null,
    sockets: real.length,
    cores: sum('coreCount'),
    threads: sum('threadCount'),
    maxSpeedMhz: speeds.length ? Math.max(...speeds) : null
  }
}

/** Total installed memory in bytes; null when SMBIOS lists no modules (some VMs and boards). */
export function totalMemoryBytes(modules: MemoryModule[]): number | null {
  const sizes = modules.map((m) => m.spec.sizeMiB ?? 0).filter((s) => s > 0)
  return sizes.length ? sizes.reduce((a, b) => a + b, 0) * 1024 * 1024 : null
}

export function summarizeSystem(info: SystemInformation | null): SystemInfo | null {
  if (!info) return null
  const s = info.spec
  const clean = (v: string | undefined) => v?.trim() || null
  return {
    manufacturer: clean(s.manufacturer),
    productName: clean(s.productName),
    serialNumber: clean(s.serialnumber),
    uuid: clean(s.uuid)
  }
}
