import { z } from 'zod'
import { malformedOutput } from './errors'
import { parseJsonObjects } from './json-stream'

/**
 * Schemas for the resources `talosctl get … -o json` prints (reference §0–§4). Fields Talos
 * always writes (no `omitempty`) are required; `omitempty` ones are optional; unknown keys are
 * kept (loose objects), because newer Talos versions add fields.
 */

/**
 * Built on first use, not when the module loads: a `wild` run that never calls talosctl (a node
 * list, a config read) would otherwise build these ~170 schemas on every start.
 */
function buildResourceSchemas() {
  const str = z.string()
  const num = z.number()
  const bool = z.boolean()

  const ResourceMetadata = z.looseObject({
    id: str,
    namespace: str,
    type: str,
    // YAML `1` read back as a number by talosctl.
    version: num,
    phase: str.optional(),
    owner: str.nullable().optional(),
    created: str.optional(),
    updated: str.optional()
  })

  function resource<S extends z.ZodType>(spec: S) {
    return z.looseObject({
      metadata: ResourceMetadata,
      // "" under --insecure, the -n value otherwise.
      node: str,
      spec
    })
  }

  const DiskSpec = z.looseObject({
    dev_path: str,
    size: num,
    pretty_size: str,
    io_size: num,
    sector_size: num,
    readonly: bool,
    cdrom: bool,
    model: str.optional(),
    serial: str.optional(),
    modalias: str.optional(),
    wwid: str.optional(),
    uuid: str.optional(),
    bus_path: str.optional(),
    sub_system: str.optional(),
    transport: str.optional(),
    // Present only when true.
    rotational: bool.optional(),
    secondary_disks: z.array(str).optional(),
    // v1.10+ only.
    symlinks: z.array(str).optional()
  })

  const SystemDiskSpec = z.looseObject({ diskID: str, devPath: str })

  const DiscoveredVolumeSpec = z.looseObject({
    dev_path: str,
    type: str,
    parent: str.optional(),
    parent_dev_path: str.optional(),
    size: num.optional(),
    name: str.optional(),
    label: str.optional(),
    partition_label: str.optional(),
    partition_type: str.optional(),
    uuid: str.optional()
  })

  const LinkSpec = z.looseObject({
    index: num,
    type: str,
    linkIndex: num,
    flags: str,
    hardwareAddr: str,
    permanentAddr: str,
    broadcastAddr: str,
    mtu: num,
    queueDisc: str,
    operationalState: str,
    kind: str,
    slaveKind: str,
    linkState: bool,
    port: str,
    duplex: str,
    alias: str.optional(),
    altNames: z.array(str).optional(),
    masterIndex: num.optional(),
    busPath: str.optional(),
    pciID: str.optional(),
    driver: str.optional(),
    driverVersion: str.optional(),
    firmwareVersion: str.optional(),
    productID: str.optional(),
    vendorID: str.optional(),
    product: str.optional(),
    vendor: str.optional(),
    speedMbit: num.optional(),
    vlan: z.looseObject({}).optional(),
    bridgeMaster: z.looseObject({}).optional(),
    bondMaster: z.looseObject({}).optional(),
    wireguard: z.looseObject({}).optional()
  })

  const RouteSpec = z.looseObject({
    family: str,
    dst: str,
    src: str,
    gateway: str,
    // A name (`main`) or, for an unnamed table, a number.
    table: z.union([str, num]),
    priority: num,
    scope: str,
    type: str,
    flags: str,
    protocol: str,
    outLinkIndex: num.optional(),
    outLinkName: str.optional(),
    mtu: num.optional()
  })

  const AddressSpec = z.looseObject({
    address: str,
    linkIndex: num,
    linkName: str,
    family: str,
    scope: str,
    flags: str,
    priority: num.optional(),
    local: str.optional(),
    broadcast: str.optional(),
    anycast: str.optional(),
    multicast: str.optional()
  })

  const MachineStatusSpec = z.looseObject({
    stage: str,
    status: z.looseObject({
      ready: bool,
      unmetConditions: z.array(z.looseObject({ name: str, reason: str })).nullable()
    })
  })

  const VersionSpec = z.looseObject({ version: str })
  const HostnameSpec = z.looseObject({ hostname: str, domainname: str.optional() })
  const ResolversSpec = z.looseObject({
    dnsServers: z.array(str).nullable(),
    searchDomains: z.array(str).nullable().optional()
  })
  const NodeAddressSpec = z.looseObject({ addresses: z.array(str).nullable(), sortAlgorithm: str.optional() })

  // SMBIOS resources: every key is omitempty.
  const CpuSpec = z.looseObject({
    socket: str.optional(),
    manufacturer: str.optional(),
    productName: str.optional(),
    maxSpeedMhz: num.optional(),
    bootSpeedMhz: num.optional(),
    status: str.optional(),
    serialNumber: str.optional(),
    assetTag: str.optional(),
    partNumber: str.optional(),
    coreCount: num.optional(),
    coreEnabled: num.optional(),
    threadCount: num.optional()
  })
  const MemoryModuleSpec = z.looseObject({
    sizeMiB: num.optional(),
    deviceLocator: str.optional(),
    bankLocator: str.optional(),
    speed: num.optional(),
    manufacturer: str.optional(),
    serialNumber: str.optional(),
    assetTag: str.optional(),
    productName: str.optional()
  })
  const SystemInformationSpec = z.looseObject({
    manufacturer: str.optional(),
    productName: str.optional(),
    version: str.optional(),
    serialnumber: str.optional(),
    uuid: str.optional(),
    wakeUpType: str.optional(),
    skuNumber: str.optional()
  })

  /** SecurityStates.talos.dev (runtime, id securitystate). */
  const SecurityStateSpec = z.looseObject({
    secureBoot: z.boolean().optional(),
    ukiSigningKeyFingerprint: str.optional(),
    pcrSigningKeyFingerprint: str.optional(),
    bootedWithUKI: z.boolean().optional()
  })

  // Every resource type the product reads, by the name given to `talosctl get`.
  return {
    disks: resource(DiskSpec),
    systemdisk: resource(SystemDiskSpec),
    discoveredvolumes: resource(DiscoveredVolumeSpec),
    links: resource(LinkSpec),
    routes: resource(RouteSpec),
    addresses: resource(AddressSpec),
    machinestatus: resource(MachineStatusSpec),
    version: resource(VersionSpec),
    hostname: resource(HostnameSpec),
    resolvers: resource(ResolversSpec),
    nodeaddresses: resource(NodeAddressSpec),
    cpus: resource(CpuSpec),
    memorymodules: resource(MemoryModuleSpec),
    systeminformation: resource(SystemInformationSpec),
    securitystate: resource(SecurityStateSpec)
  } as const
}

let built: ReturnType<typeof buildResourceSchemas> | undefined
const resourceSchemas = () => (built ??= buildResourceSchemas())

export type ResourceKind = keyof ReturnType<typeof buildResourceSchemas>
export type ResourceOf<K extends ResourceKind> = z.infer<ReturnType<typeof buildResourceSchemas>[K]>

export type Disk = ResourceOf<'disks'>
export type SystemDisk = ResourceOf<'systemdisk'>
export type DiscoveredVolume = ResourceOf<'discoveredvolumes'>
export type Link = ResourceOf<'links'>
export type Route = ResourceOf<'routes'>
export type Address = ResourceOf<'addresses'>
export type MachineStatus = ResourceOf<'machinestatus'>
export type VersionResource = ResourceOf<'version'>
export type HostnameStatus = ResourceOf<'hostname'>
export type Resolvers = ResourceOf<'resolvers'>
export type NodeAddresses = ResourceOf<'nodeaddresses'>
export type Cpu = ResourceOf<'cpus'>
export type MemoryModule = ResourceOf<'memorymodules'>
export type SystemInformation = ResourceOf<'systeminformation'>
export type SecurityState = ResourceOf<'securitystate'>

/** Parses `talosctl get <kind> -o json` output: every object must match the kind's schema. */
export function parseResources<K extends ResourceKind>(kind: K, stdout: string): ResourceOf<K>[] {
  const schema = resourceSchemas()[kind]
  return parseJsonObjects(stdout).map((value, i) => {
    const r = schema.safeParse(value)
    if (!r.success) {
      const issue = r.error.issues[0]
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : ''
      throw malformedOutput(`"${kind}" resource #${i + 1}`, `${issue?.message ?? 'invalid'}${where}`, JSON.stringify(value))
    }
    return r.data as ResourceOf<K>
  })
}
