import type { DiskInfo, DiskKind } from '@shared/contract/talos'
import type { DiscoveredVolume, Disk, SystemDisk } from '../resources'
import { formatDiskSize } from '@shared/format'

/**
 * Talos's documented minimum disk is 10 GB. Decimal on purpose: it matches the disk's label and
 * the `pretty_size` Talos prints, so a "10 GB" virtual disk is still accepted.
 */
export const MIN_INSTALL_DISK_BYTES = 10_000_000_000

export interface DiskContext {
  systemDisk: SystemDisk | null
  volumes: DiscoveredVolume[]
  /** The machine answered in maintenance mode (no configuration yet). */
  maintenance: boolean
}

const nameOf = (d: Disk) => d.metadata.id || d.spec.dev_path.replace(/^\/dev\//, '')

export function diskKind(d: Disk): DiskKind {
  const s = d.spec
  if (s.cdrom) return 'cd'
  if (/^loop\d/.test(nameOf(d)) || s.bus_path === '/virtual') return 'virtual'
  if (s.transport === 'usb') return 'usb'
  if (s.transport === 'nvme') return 'nvme'
  if (s.transport === 'mmc') return 'mmc'
  if (s.rotational) return 'hdd'
  if (s.transport) return 'ssd'
  return 'unknown'
}

/**
 * Which disks hold the medium the machine booted from, with the evidence. The reference allows
 * two signs: a disk carrying an ISO 9660 filesystem (the ISO written to a stick, or a CD), and,
 * in maintenance mode, a USB disk holding Talos partitions (a raw image written to a stick:
 * Talos reports it as its system disk although nothing was installed).
 */
export function bootMedia(disks: Disk[], ctx: DiskContext): Map<string, string> {
  const found = new Map<string, string>()
  const byPath = new Map(disks.map((d) => [d.spec.dev_path, nameOf(d)]))
  for (const v of ctx.volumes) {
    if (v.spec.name !== 'iso9660') continue
    const owner = v.spec.type === 'disk' ? byPath.get(v.spec.dev_path) : (v.spec.parent ?? byPath.get(v.spec.parent_dev_path ?? ''))
    if (owner) found.set(owner, 'it holds a Talos ISO image')
  }
  if (ctx.maintenance && ctx.systemDisk) {
    const sys = disks.find((d) => d.spec.dev_path === ctx.systemDisk!.spec.devPath)
    if (sys && diskKind(sys) === 'usb' && !found.has(nameOf(sys))) {
      found.set(nameOf(sys), 'a USB disk holding a Talos image while the machine is in maintenance mode')
    }
  }
  return found
}

/** Why a disk cannot hold Talos, or null when it can. First matching rule wins. */
export function exclusionReason(d: Disk, disks: Disk[], boot: Map<string, string>): string | null {
  const s = d.spec
  const name = nameOf(d)
  if (s.cdrom) return 'CD/DVD drive'
  if (/^loop\d/.test(name)) return 'loop device holding the running system image'
  if (s.bus_path === '/virtual') return 'virtual device (device-mapper or similar), not a physical disk'
  if (/^(zd|drbd|nbd|ram)\d/.test(name)) return 'virtual block device'
  if (/^mmcblk\d+(boot\d+|rpmb)$/.test(name)) return 'eMMC boot or RPMB area, not general storage'
  if (s.secondary_disks?.length) return `built on other disks (${s.secondary_disks.join(', ')}): RAID, LVM or encryption`
  const parent = disks.find((o) => o !== d && o.spec.secondary_disks?.some((x) => x === name || x === s.dev_path))
  if (parent) return `member of ${nameOf(parent)} (RAID, LVM or encryption)`
  if (s.readonly) return 'read-only'
  if (s.size === 0) return 'no medium inserted'
  if (s.size < MIN_INSTALL_DISK_BYTES) {
    return `too small (${formatDiskSize(s.size)}; Talos needs at least ${formatDiskSize(MIN_INSTALL_DISK_BYTES)})`
  }
  const booted = boot.get(name)
  if (booted) return `the machine booted from it (${booted})`
  return null
}

/** Lower is better: internal NVMe, then SSD, then HDD, then anything unclassed, then removable. */
const TIER: Record<DiskKind, number> = { nvme: 0, ssd: 1, hdd: 2, unknown: 3, usb: 4, mmc: 4, cd: 9, virtual: 9 }

const KIND_LABEL: Record<DiskKind, string> = {
  nvme: 'NVMe',
  ssd: 'SSD',
  hdd: 'hard disk',
  usb: 'USB disk',
  mmc: 'SD card or eMMC',
  cd: 'CD/DVD',
  virtual: 'virtual device',
  unknown: 'disk'
}

function kindLabel(d: DiskInfo): string {
  if (d.kind === 'ssd' && d.transport === 'virtio') return 'virtio disk'
  if (d.kind === 'ssd' && d.transport) return `${d.transport.toUpperCase()} SSD`
  return KIND_LABEL[d.kind]
}

export function describeDisk(d: DiskInfo): string {
  return `${d.path} (${kindLabel(d)}, ${d.prettySize}${d.model ? `, ${d.model}` : ''})`
}

const CAUTION: Partial<Record<DiskKind, string>> = {
  usb: 'removable USB disk: make sure it is not the stick the machine booted from',
  mmc: 'SD card or eMMC: slower and wears out sooner than an SSD'
}

/** Every disk the machine reports, classified, with the reason it is or is not a candidate. */
export function describeDisks(disks: Disk[], ctx: DiskContext): DiskInfo[] {
  const boot = bootMedia(disks, ctx)
  return disks.map((d) => {
    const s = d.spec
    const kind = diskKind(d)
    const excluded = exclusionReason(d, disks, boot)
    const info: DiskInfo = {
      path: s.dev_path,
      size: s.size,
      prettySize: s.pretty_size || formatDiskSize(s.size),
      model: s.model?.trim() || null,
      serial: s.serial?.trim() || null,
      transport: s.transport || null,
      rotational: s.rotational === true,
      readonly: s.readonly,
      cdrom: s.cdrom,
      kind,
      systemDisk: ctx.systemDisk?.spec.devPath === s.dev_path,
      bootMedium: boot.has(nameOf(d)),
      candidate: excluded === null
    }
    const reason = excluded ?? CAUTION[kind]
    if (reason) info.reason = reason
    return info
  })
}

const TIER_WHY: Record<number, string> = {
  0: 'internal NVMe storage is the fastest kind and is preferred',
  1: 'an internal SSD is preferred over hard disks and removable media',
  2: 'no SSD was found, and a hard disk is preferred over removable media',
  3: 'no disk of a better-known kind was found',
  4: 'only removable or SD/eMMC storage was found'
}

/** Orders candidates best first: by tier, then the smaller disk (larger ones stay free for data), then name. */
export function rankCandidates(disks: DiskInfo[]): DiskInfo[] {
  return disks.filter((d) => d.candidate).sort((a, b) => TIER[a.kind] - TIER[b.kind] || a.size - b.size || a.path.localeCompare(b.path))
}

/** The one suggested install disk and the sentence that explains it to the operator. */
export function chooseInstallDisk(disks: DiskInfo[], ctx: { maintenance: boolean }): { path: string | null; reason: string } {
  const system = disks.find((d) => d.systemDisk)
  if (system && !ctx.maintenance) {
    return { path: system.path, reason: `${describeDisk(system)}: Talos is installed on this disk (the machine reports it as its system disk).` }
  }
  if (system && ctx.maintenance && system.candidate) {
    return {
      path: system.path,
      reason: `${describeDisk(system)}: it already holds a Talos installation; installing again there replaces it.`
    }
  }
  const ranked = rankCandidates(disks)
  const best = ranked[0]
  if (!best) {
    const why = disks.map((d) => `${d.path}: ${d.reason ?? 'not usable'}`).join('; ')
    return {
      path: null,
      reason: `No disk can hold Talos${why ? ` (${why})` : ' (the machine reports no disks)'}. Attach a disk of at least ${formatDiskSize(MIN_INSTALL_DISK_BYTES)}.`
    }
  }
  const parts: string[] = []
  if (ranked.length === 1) parts.push(`${describeDisk(best)} is the only disk that can hold Talos.`)
  else {
    parts.push(`${describeDisk(best)}: ${TIER_WHY[TIER[best.kind]]}.`)
    const peers = ranked.filter((d) => TIER[d.kind] === TIER[best.kind]).length
    if (peers > 1) parts.push(`It is the smallest of ${peers} such disks, leaving the larger ones for data.`)
    const others = ranked.slice(1).map(describeDisk)
    parts.push(`Also possible: ${others.join(', ')}.`)
  }
  for (const d of disks.filter((x) => x.bootMedium)) parts.push(`${d.path} is skipped: the machine booted from it.`)
  if (best.kind === 'usb') parts.push('It is a removable USB disk: make sure it is not the stick the machine booted from.')
  return { path: best.path, reason: parts.join(' ') }
}
