import { z } from 'zod'
import { InstanceName, IPv4 } from '../schemas/common'
import { ArchFields } from './boards'
import { command, type CommandMap, type EventMap } from './types'

/** How a disk is classed for the install-disk choice (NVMe first, removable media last). */
export const DiskKind = z.enum(['nvme', 'ssd', 'hdd', 'usb', 'mmc', 'cd', 'virtual', 'unknown'])
export type DiskKind = z.infer<typeof DiskKind>

export const DiskInfo = z.object({
  /** Device path, e.g. /dev/nvme0n1. */
  path: z.string(),
  /** Bytes. */
  size: z.number().nonnegative(),
  prettySize: z.string(),
  model: z.string().nullable(),
  serial: z.string().nullable(),
  transport: z.string().nullable(),
  rotational: z.boolean(),
  readonly: z.boolean(),
  cdrom: z.boolean(),
  kind: DiskKind,
  /** The disk Talos reports it is installed on. */
  systemDisk: z.boolean(),
  /** The machine appears to have booted from this medium. */
  bootMedium: z.boolean(),
  /** Could Talos be installed here. */
  candidate: z.boolean(),
  /** Why it is not a candidate, or a caution for a candidate. */
  reason: z.string().optional()
})
export type DiskInfo = z.infer<typeof DiskInfo>

export const InterfaceInfo = z.object({
  name: z.string(),
  mac: z.string(),
  permanentMac: z.string().nullable(),
  /** Operational state: up, down, lowerLayerDown, unknown, … */
  state: z.string(),
  /** Carrier present (cable connected). */
  linkUp: z.boolean(),
  speedMbit: z.number().nullable(),
  /** A real NIC: type ether, no kind (not a bond, bridge, vlan, dummy…). */
  physical: z.boolean(),
  type: z.string(),
  kind: z.string(),
  driver: z.string().nullable(),
  vendor: z.string().nullable(),
  product: z.string().nullable(),
  busPath: z.string().nullable(),
  /** The bond or bridge this link is enslaved to. */
  master: z.string().nullable(),
  /** Global addresses in CIDR form. */
  addresses: z.array(z.string())
})
export type InterfaceInfo = z.infer<typeof InterfaceInfo>

export const AddressInfo = z.object({ interface: z.string(), address: z.string(), family: z.string() })
export type AddressInfo = z.infer<typeof AddressInfo>

export const CpuInfo = z.object({
  model: z.string().nullable(),
  sockets: z.number().int().nonnegative(),
  cores: z.number().int().nonnegative().nullable(),
  threads: z.number().int().nonnegative().nullable(),
  maxSpeedMhz: z.number().nonnegative().nullable()
})
export type CpuInfo = z.infer<typeof CpuInfo>

export const SystemInfo = z.object({
  manufacturer: z.string().nullable(),
  productName: z.string().nullable(),
  serialNumber: z.string().nullable(),
  uuid: z.string().nullable()
})
export type SystemInfo = z.infer<typeof SystemInfo>

export const HardwareInfo = z.object({
  /** The address the machine was reached at. */
  ip: z.string(),
  /** That address with its prefix on the machine, e.g. 192.168.1.50/24. */
  ipCidr: z.string().nullable(),
  /** The chosen interface, its MAC and why it was chosen. */
  interface: z.string().nullable(),
  mac: z.string().nullable(),
  interfaceReason: z.string(),
  gateway: z.string().nullable(),
  /** The suggested install disk (device path) and why, in words for the operator. */
  selectedDisk: z.string().nullable(),
  selectedDiskReason: z.string(),
  /** The disk Talos reports as installed on, when it is. */
  systemDisk: z.string().nullable(),
  maintenanceMode: z.boolean(),
  talosVersion: z.string().nullable(),
  stage: z.string().nullable(),
  ready: z.boolean().nullable(),
  hostname: z.string().nullable(),
  disks: z.array(DiskInfo),
  interfaces: z.array(InterfaceInfo),
  addresses: z.array(AddressInfo),
  nameservers: z.array(z.string()),
  cpu: CpuInfo.nullable(),
  memoryBytes: z.number().nonnegative().nullable(),
  system: SystemInfo.nullable(),
  ...ArchFields
})
export type HardwareInfo = z.infer<typeof HardwareInfo>

export const TalosRelease = z.object({
  version: z.string(),
  preRelease: z.boolean(),
  /** The Kubernetes version this release installs by default; null when the app does not know it. */
  kubernetes: z.string().nullable()
})
export type TalosRelease = z.infer<typeof TalosRelease>

export const TalosVersionList = z.object({
  /** Newest first. */
  releases: z.array(TalosRelease),
  /** The newest stable release: preselected for a new instance. */
  recommended: z.string().nullable(),
  /** factory: fetched now; cache: the last list fetched (see fetchedAt); built-in: known when the app was built. */
  source: z.enum(['factory', 'cache', 'built-in']),
  fetchedAt: z.string().nullable(),
  /** Why the factory could not be asked this time. */
  offlineReason: z.string().nullable()
})
export type TalosVersionList = z.infer<typeof TalosVersionList>

export const talosCommands = {
  'talos.versions': command({
    summary: 'The Talos versions the Image Factory offers, newest first (the last list fetched when offline)',
    input: () => z.object({ preReleases: z.boolean().optional() }).strict(),
    output: () => TalosVersionList
  }),
  'hardware.detect': command({
    summary: "Read a machine's disks, network interfaces and Talos state, and suggest an install disk and interface",
    // null: no instance; a machine in maintenance mode is read without one (wild node detect on a fresh data folder).
    input: () => z.object({ instance: InstanceName.nullable(), ip: IPv4 }).strict(),
    output: () => HardwareInfo
  })
} satisfies CommandMap

export const talosEvents = {} satisfies EventMap
