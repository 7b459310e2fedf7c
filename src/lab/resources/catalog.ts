import { configFacts } from '../config-facts'
import type { LabFile, Machine } from '../model'
import type { MachineView } from '../stage'
import { effectiveNetwork, isPhysical, routeId } from './network'
import { addressSpec, diskSpec, linkSpec, omitEmpty, routeSpec } from './specs'
import { discoveredVolumes } from './volumes'

/**
 * The resource types the fake talosctl serves: full type, namespace, owner, what `get`
 * accepts as a name (case-insensitive), table columns, and the items a machine has now.
 */

export interface Item {
  id: string
  spec: Record<string, unknown>
  version?: number
}
export interface ResourceType {
  type: string
  display: string
  namespace: string
  owner: string
  aliases: string[]
  /** Oldest Talos minor that registers the type. */
  sinceMinor?: number
  columns: [string, (spec: Record<string, unknown>) => string][]
  list(view: MachineView, lab: LabFile): Item[]
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v))
const col = (header: string, key: string): [string, (s: Record<string, unknown>) => string] => [header, (s) => text(s[key])]

export function minorOf(version: string): number {
  return Number(version.split('.')[1] ?? 0)
}

export function clusterBootstrapped(m: Machine, lab: LabFile): boolean {
  const ca = m.cluster?.ca
  return !!ca && lab.machines.some((x) => x.bootstrapped && x.cluster?.ca === ca)
}

/** The hostname shown: the config's, else the one the machine booted with. */
export function effectiveHostname(m: Machine): string {
  return (m.configured && configFacts(m.config).hostname) || m.hostname
}

function network(view: MachineView, lab: LabFile): ReturnType<typeof effectiveNetwork> {
  const m = view.machine
  return effectiveNetwork(m, view.api === 'apid' && m.role === 'controlplane' && clusterBootstrapped(m, lab))
}

function machineStatus(view: MachineView, lab: LabFile): Record<string, unknown> {
  const m = view.machine
  if (view.stage === 'maintenance') return { stage: 'maintenance', status: { ready: true, unmetConditions: [] } }
  const bootstrapped = clusterBootstrapped(m, lab)
  const host = effectiveHostname(m)
  const unmet: { name: string; reason: string }[] = []
  if (view.stage === 'booting' || !bootstrapped) {
    unmet.push({ name: 'services', reason: m.role === 'controlplane' ? 'etcd not healthy, kubelet not healthy' : 'kubelet not healthy' })
    unmet.push({ name: 'nodeReady', reason: `node ${JSON.stringify(host)} status is not available yet` })
  }
  return { stage: view.stage, status: { ready: unmet.length === 0, unmetConditions: unmet } }
}


export const CATALOG: ResourceType[] = [
  {
    type: 'Disks.block.talos.dev', display: 'Disk', namespace: 'runtime', owner: 'block.DisksController',
    aliases: ['disk', 'disks'],
    columns: [
      col('SIZE', 'pretty_size'), col('READ ONLY', 'readonly'), col('TRANSPORT', 'transport'), col('ROTATIONAL', 'rotational'),
      col('WWID', 'wwid'), col('MODEL', 'model'), col('SERIAL', 'serial')
    ],
    list: (v) => v.machine.hardware.disks.map((d) => ({ id: d.id, spec: diskSpec(d, minorOf(v.machine.talosVersion) >= 10) }))
  },
  {
    type: 'SystemDisks.block.talos.dev', display: 'SystemDisk', namespace: 'runtime', owner: 'block.SystemDiskController',
    aliases: ['systemdisk', 'systemdisks'],
    columns: [col('DISK', 'diskID')],
    list: (v) => (v.machine.systemDisk ? [{ id: 'system-disk', spec: { diskID: v.machine.systemDisk, devPath: `/dev/${v.machine.systemDisk}` } }] : [])
  },
  {
    type: 'DiscoveredVolumes.block.talos.dev', display: 'DiscoveredVolume', namespace: 'runtime', owner: 'block.DiscoveryController',
    aliases: ['discoveredvolume', 'discoveredvolumes', 'dv', 'dvs'],
    columns: [col('TYPE', 'type'), col('SIZE', 'pretty_size'), col('DISCOVERED', 'name'), col('LABEL', 'label'), col('PARTITIONLABEL', 'partition_label')],
    list: (v) => discoveredVolumes(v.machine)
  },
  {
    type: 'LinkStatuses.net.talos.dev', display: 'LinkStatus', namespace: 'network', owner: 'network.LinkStatusController',
    aliases: ['link', 'links', 'linkstatus', 'linkstatuses'],
    columns: [col('TYPE', 'type'), col('KIND', 'kind'), col('HW ADDR', 'hardwareAddr'), col('OPER STATE', 'operationalState'), col('LINK STATE', 'linkState')],
    list: (v, lab) => network(v, lab).links.map((l) => ({ id: l.name, spec: linkSpec(l) }))
  },
  {
    type: 'RouteStatuses.net.talos.dev', display: 'RouteStatus', namespace: 'network', owner: 'network.RouteStatusController',
    aliases: ['route', 'routes', 'routestatus', 'routestatuses'],
    columns: [col('DESTINATION', 'dst'), col('GATEWAY', 'gateway'), col('LINK', 'outLinkName'), col('METRIC', 'priority')],
    list: (v, lab) => network(v, lab).routes.map((r) => ({ id: routeId(r), spec: routeSpec(r) }))
  },
  {
    type: 'AddressStatuses.net.talos.dev', display: 'AddressStatus', namespace: 'network', owner: 'network.AddressStatusController',
    aliases: ['address', 'addresses', 'addressstatus', 'addressstatuses'],
    columns: [col('ADDRESS', 'address'), col('LINK', 'linkName')],
    list: (v, lab) => network(v, lab).addresses.map((a) => ({ id: `${a.linkName}/${a.address}`, spec: addressSpec(a) }))
  },
  {
    type: 'NodeAddresses.net.talos.dev', display: 'NodeAddress', namespace: 'network', owner: 'network.NodeAddressController',
    aliases: ['nodeaddress', 'nodeaddresses'],
    columns: [col('ADDRESSES', 'addresses')],
    list: (v, lab) => {
      const addrs = network(v, lab).addresses.filter((a) => a.linkName !== 'lo' && a.scope === 'global').map((a) => a.address)
      return ['accumulative', 'current', 'default', 'routed'].map((id) => ({
        id,
        spec: { addresses: id === 'default' ? addrs.slice(0, 1) : addrs, sortAlgorithm: 'v2' }
      }))
    }
  },
  {
    type: 'HardwareAddresses.net.talos.dev', display: 'HardwareAddresses', namespace: 'network', owner: 'network.HardwareAddrController',
    aliases: ['hardwareaddress', 'hardwareaddresses'],
    columns: [col('HWADDR', 'hardwareAddr')],
    list: (v) => {
      const first = [...v.machine.network.links].sort((a, b) => a.index - b.index).find(isPhysical)
      return first ? [{ id: 'first', spec: { name: first.name, hardwareAddr: first.permanentAddr || first.hardwareAddr } }] : []
    }
  },
  {
    type: 'HostnameStatuses.net.talos.dev', display: 'HostnameStatus', namespace: 'network', owner: 'network.HostnameStatusController',
    aliases: ['hostname', 'hostnames', 'hostnamestatus', 'hostnamestatuses'],
    columns: [col('HOSTNAME', 'hostname'), col('DOMAINNAME', 'domainname')],
    list: (v) => [{ id: 'hostname', spec: { hostname: effectiveHostname(v.machine), domainname: v.machine.domainname } }]
  },
  {
    type: 'ResolverStatuses.net.talos.dev', display: 'ResolverStatus', namespace: 'network', owner: 'network.ResolverStatusController',
    aliases: ['resolver', 'resolvers', 'resolverstatus', 'resolverstatuses'],
    columns: [col('RESOLVERS', 'dnsServers')],
    list: (v) => {
      const fromConfig = v.machine.configured ? configFacts(v.machine.config).nameservers : []
      const servers = fromConfig.length ? fromConfig : v.machine.resolvers.dnsServers
      return [{ id: 'resolvers', spec: { dnsServers: servers, searchDomains: v.machine.resolvers.searchDomains } }]
    }
  },
  {
    type: 'MachineStatuses.runtime.talos.dev', display: 'MachineStatus', namespace: 'runtime', owner: 'runtime.MachineStatusController',
    aliases: ['machinestatus', 'machinestatuses'],
    columns: [['STAGE', (s) => text(s.stage)], ['READY', (s) => text((s.status as { ready?: boolean })?.ready)]],
    list: (v, lab) => [{ id: 'machine', spec: machineStatus(v, lab), version: 3 }]
  },
  {
    type: 'Versions.runtime.talos.dev', display: 'Version', namespace: 'runtime', owner: 'runtime.VersionController',
    aliases: ['version', 'versions'], sinceMinor: 10,
    columns: [col('VERSION', 'version')],
    list: (v) => [{ id: 'version', spec: { version: v.machine.talosVersion } }]
  },
  {
    type: 'CPUs.hardware.talos.dev', display: 'CPU', namespace: 'hardware', owner: 'hardware.SystemInfoController',
    aliases: ['cpu', 'cpus'],
    columns: [col('MANUFACTURER', 'manufacturer'), col('MODEL', 'productName')],
    list: (v) => v.machine.hardware.cpus.map((c, i) => ({ id: `CPU-${i}`, spec: omitEmpty(c) }))
  },
  {
    type: 'MemoryModules.hardware.talos.dev', display: 'MemoryModule', namespace: 'hardware', owner: 'hardware.SystemInfoController',
    aliases: ['memorymodule', 'memorymodules', 'ram'],
    columns: [col('MANUFACTURER', 'manufacturer'), col('MODEL', 'productName'), col('SIZE', 'sizeMiB')],
    list: (v) => v.machine.hardware.memoryModules.map((mm, i) => ({ id: `DIMM-${i}`, spec: omitEmpty(mm) }))
  },
  {
    type: 'SystemInformations.hardware.talos.dev', display: 'SystemInformation', namespace: 'hardware', owner: 'hardware.SystemInfoController',
    aliases: ['systeminformation', 'systeminformations'],
    columns: [col('MANUFACTURER', 'manufacturer'), col('PRODUCTNAME', 'productName')],
    list: (v) => [{ id: 'systeminformation', spec: omitEmpty(v.machine.hardware.systemInformation) }]
  },
  {
    // pkg/machinery/resources/time/status.go: one resource, id node. The lab has no NTP: the clock
    // counts as synced once the machine answers (maintenance or running), not while it boots.
    type: 'TimeStatuses.v1alpha1.talos.dev', display: 'TimeStatus', namespace: 'runtime', owner: 'time.SyncController',
    aliases: ['timestatus', 'timestatuses'],
    columns: [col('SYNCED', 'synced')],
    list: (v) => [{ id: 'node', spec: { synced: v.stage !== 'booting', epoch: 0, syncDisabled: false } }]
  },
  {
    // pkg/machinery/resources/runtime/security_state.go: one resource, id securitystate.
    type: 'SecurityStates.talos.dev', display: 'SecurityState', namespace: 'runtime', owner: 'runtime.SecurityStateController',
    aliases: ['securitystate', 'securitystates'],
    columns: [col('SECUREBOOT', 'secureBoot')],
    list: (v) => [{ id: 'securitystate', spec: { secureBoot: v.machine.secureBoot, ...(v.machine.secureBoot ? { bootedWithUKI: true } : {}) } }]
  }
]

/** Resolves a `get` type argument the way talosctl does: full type, its short forms, or an alias. */
export function resolveType(name: string, talosVersion: string): ResourceType | undefined {
  const want = name.toLowerCase()
  const found = CATALOG.find((t) => {
    const full = t.type.toLowerCase()
    const parts = full.split('.')
    const forms = [full, parts[0]!, `${parts[0]}.${parts[1]}`, t.display.toLowerCase(), ...t.aliases]
    return forms.includes(want)
  })
  if (!found || (found.sinceMinor !== undefined && minorOf(talosVersion) < found.sinceMinor)) return undefined
  return found
}

