import type { Cpu, DiskInput, LinkInput, MachineInput, MemoryModule, SystemInformation } from '../model'
import { kernelLinks, leaseAddresses, leaseRoutes, loopback } from './parts'

/** Puts a preset together: loopback, its NICs, the kernel's links, and the DHCP lease on one NIC. */

export const LAB_PREFIX = 24
export const LAB_GATEWAY = '127.0.10.1'

/** Where a preset is placed: its address and the gateway of its /24. */
export interface Place {
  ip: string
  gateway: string
}

/** Builds one preset at a place. */
export type PresetBuilder = (at: Place) => MachineInput

export interface Shape {
  id: string
  ip: string
  /** The default route's gateway and the DNS server: LAB_GATEWAY unless placed elsewhere. */
  gateway?: string
  hostname: string
  talosVersion?: string
  arch?: 'amd64' | 'arm64'
  disks: DiskInput[]
  /** Physical NICs and, for bonds, the bond itself; indexes from 2 up. */
  links: LinkInput[]
  /** The link holding the DHCP lease (default route). */
  leaseOn: string
  bond0?: boolean
  cpu: Cpu
  cores?: number
  memoryMiB: number[]
  system: SystemInformation
}

export function assemble(s: Shape): MachineInput {
  const lease = s.links.find((l) => l.name === s.leaseOn)!
  const gateway = s.gateway ?? LAB_GATEWAY
  const next = Math.max(...s.links.map((l) => l.index)) + 1
  const ram: MemoryModule[] = s.memoryMiB.map((size, i) => ({
    sizeMiB: size,
    deviceLocator: `Controller0-ChannelA-DIMM${i}`,
    bankLocator: `BANK ${i}`,
    speed: 4800,
    manufacturer: 'Samsung',
    serialNumber: `0000${i}ABC`,
    productName: 'M425R1GB4BB0-CQKOL'
  }))
  return {
    id: s.id,
    ip: s.ip,
    dhcpIp: s.ip,
    talosVersion: s.talosVersion ?? 'v1.11.6',
    ...(s.arch ? { arch: s.arch } : {}),
    hostname: s.hostname,
    resolvers: { dnsServers: [gateway], searchDomains: [] },
    hardware: { disks: s.disks, cpus: [s.cpu], memoryModules: ram, systemInformation: s.system },
    network: {
      links: [loopback(), ...s.links, ...kernelLinks(next, { bond0: s.bond0 ?? true })],
      addresses: leaseAddresses({ link: lease.name, linkIndex: lease.index, ip: s.ip, prefix: LAB_PREFIX, gateway, mac: lease.hardwareAddr! }),
      routes: leaseRoutes({ link: lease.name, linkIndex: lease.index, ip: s.ip, prefix: LAB_PREFIX, gateway, mac: lease.hardwareAddr! })
    }
  }
}

export function cpu(manufacturer: string, productName: string, cores: number, threads: number, mhz: number): Cpu {
  return {
    socket: 'CPU 0',
    manufacturer,
    productName,
    maxSpeedMhz: mhz,
    bootSpeedMhz: Math.min(mhz, 2400),
    status: 'Populated, Enabled',
    coreCount: cores,
    coreEnabled: cores,
    threadCount: threads
  }
}
