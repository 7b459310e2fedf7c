import type { HardwareInfo } from '@shared/contract/talos'
import type {
  Address,
  Cpu,
  DiscoveredVolume,
  Disk,
  HostnameStatus,
  Link,
  MachineStatus,
  MemoryModule,
  Resolvers,
  Route,
  SecurityState,
  SystemDisk,
  SystemInformation
} from '../resources'
import { decideArch } from './arch'
import { chooseInstallDisk, describeDisks } from './disks'
import { chooseInterface, defaultRoutes, describeLinks, usefulAddresses } from './interfaces'
import { summarizeCpus, summarizeSystem, totalMemoryBytes } from './system'

/** Everything detection read from one machine; optional resources are empty or null. */
export interface MachineResources {
  disks: Disk[]
  links: Link[]
  routes: Route[]
  addresses: Address[]
  machineStatus: MachineStatus | null
  systemDisk: SystemDisk | null
  volumes: DiscoveredVolume[]
  hostname: HostnameStatus | null
  resolvers: Resolvers | null
  talosVersion: string | null
  cpus: Cpu[]
  memoryModules: MemoryModule[]
  systemInformation: SystemInformation | null
  securityState: SecurityState | null
  /** The Version API's OS/Arch when it answered (configured machines), else null. */
  versionOsArch: string | null
  /** The DHCP client architecture the network boot server recorded for one of its MACs. */
  bootArch: string | null
}

/** Pure: the machine's resources → what the operator sees and the suggested choices. */
export function describeHardware(r: MachineResources, ctx: { ip: string; maintenance: boolean }): HardwareInfo {
  const disks = describeDisks(r.disks, { systemDisk: r.systemDisk, volumes: r.volumes, maintenance: ctx.maintenance })
  const disk = chooseInstallDisk(disks, { maintenance: ctx.maintenance })
  const interfaces = describeLinks(r.links, r.addresses)
  const nic = chooseInterface(interfaces, defaultRoutes(r.routes, r.links, r.addresses, ctx.ip), ctx.ip)
  const addresses = usefulAddresses(r.addresses)
  return {
    ip: ctx.ip,
    ipCidr: addresses.find((a) => a.address.split('/')[0] === ctx.ip)?.address ?? null,
    interface: nic.name,
    mac: nic.mac,
    interfaceReason: nic.reason,
    gateway: nic.gateway,
    selectedDisk: disk.path,
    selectedDiskReason: disk.reason,
    systemDisk: r.systemDisk?.spec.devPath ?? null,
    maintenanceMode: ctx.maintenance,
    talosVersion: r.talosVersion,
    stage: r.machineStatus?.spec.stage ?? null,
    ready: r.machineStatus?.spec.status.ready ?? null,
    hostname: r.hostname?.spec.hostname || null,
    disks,
    interfaces,
    addresses,
    nameservers: r.resolvers?.spec.dnsServers ?? [],
    cpu: summarizeCpus(r.cpus),
    memoryBytes: totalMemoryBytes(r.memoryModules),
    system: summarizeSystem(r.systemInformation),
    ...decideArch({ versionOsArch: r.versionOsArch, bootArch: r.bootArch, system: r.systemInformation, cpus: r.cpus }),
    secureBoot: r.securityState?.spec.secureBoot ?? null
  }
}
