import type { HardwareInfo } from '../../shared/contract/talos'

/** What a cached hardware detection contributes to a machine. */
export type HardwareHint = Pick<HardwareInfo, 'cpu' | 'memoryBytes'> & { disks: readonly { path: string; readonly?: boolean; cdrom?: boolean }[] }

/** Hardware facts a machine told earlier (detection, network boot), shown without asking it again. */
export interface MachineFacts {
  disks: string[]
  cpu: string | null
  memoryBytes: number | null
  arch: string | null
}

export function cpuText(cpu: HardwareInfo['cpu']): string | null {
  if (!cpu) return null
  const cores = cpu.cores ? `${cpu.cores} core${cpu.cores === 1 ? '' : 's'}` : null
  return [cpu.model, cores].filter(Boolean).join(' · ') || null
}

/** Loop devices, CD-ROMs and read-only media are what Talos booted from, not where it installs. */
export function installable(disks: HardwareHint['disks']): string[] {
  return disks.filter((d) => !d.readonly && !d.cdrom && !d.path.startsWith('/dev/loop')).map((d) => d.path)
}

export function factsFrom(hw: HardwareHint | null, arch: string | null): MachineFacts {
  return { disks: hw ? installable(hw.disks) : [], cpu: hw ? cpuText(hw.cpu) : null, memoryBytes: hw?.memoryBytes ?? null, arch }
}
