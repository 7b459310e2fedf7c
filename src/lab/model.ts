import { z } from 'zod'

/**
 * The lab file: a JSON description of simulated Talos machines, shared by every fake talosctl
 * process through `$WILD_LAB_FILE`. Field names inside hardware and network entries are the
 * ones talosctl prints (`get disks`, `get links`, …) so a lab file reads like captured output.
 */

export const LAB_FILE_ENV = 'WILD_LAB_FILE'

const Ipv4 = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'IPv4 address expected')

/** One block device as `get disks` reports it; `id` is the kernel name (nvme0n1, sda, sr0). */
export const Disk = z.object({
  id: z.string().min(1),
  dev_path: z.string().optional(),
  size: z.number().int().nonnegative(),
  pretty_size: z.string().optional(),
  io_size: z.number().int().default(512),
  sector_size: z.number().int().default(512),
  readonly: z.boolean().default(false),
  cdrom: z.boolean().default(false),
  model: z.string().optional(),
  serial: z.string().optional(),
  modalias: z.string().optional(),
  wwid: z.string().optional(),
  uuid: z.string().optional(),
  bus_path: z.string().optional(),
  sub_system: z.string().optional(),
  transport: z.string().optional(),
  rotational: z.boolean().optional(),
  secondary_disks: z.array(z.string()).optional(),
  /** Printed only by Talos v1.10 and later. */
  symlinks: z.array(z.string()).optional(),
  /** What a volume probe finds on it: drives `get discoveredvolumes`. */
  content: z.enum(['empty', 'talos-iso', 'squashfs', 'xfs', 'ext4', 'vfat']).default('empty')
})
export type Disk = z.infer<typeof Disk>
export type DiskInput = z.input<typeof Disk>

export const BondMaster = z.record(z.string(), z.unknown())

/** One network link as `get links` reports it; `name` becomes the resource id. */
export const Link = z.object({
  name: z.string().min(1),
  index: z.number().int().positive(),
  type: z.string().default('ether'),
  linkIndex: z.number().int().default(0),
  flags: z.string().default('UP,BROADCAST,RUNNING,MULTICAST,LOWER_UP'),
  hardwareAddr: z.string().default(''),
  permanentAddr: z.string().default(''),
  broadcastAddr: z.string().default('ff:ff:ff:ff:ff:ff'),
  mtu: z.number().int().default(1500),
  queueDisc: z.string().default('mq'),
  operationalState: z.enum(['unknown', 'notPresent', 'down', 'lowerLayerDown', 'testing', 'dormant', 'up']).default('up'),
  kind: z.string().default(''),
  slaveKind: z.string().default(''),
  linkState: z.boolean().default(true),
  port: z.string().default('TwistedPair'),
  duplex: z.enum(['Half', 'Full', 'Unknown']).default('Full'),
  alias: z.string().optional(),
  altNames: z.array(z.string()).optional(),
  masterIndex: z.number().int().optional(),
  busPath: z.string().optional(),
  pciID: z.string().optional(),
  driver: z.string().optional(),
  driverVersion: z.string().optional(),
  firmwareVersion: z.string().optional(),
  productID: z.string().optional(),
  vendorID: z.string().optional(),
  product: z.string().optional(),
  vendor: z.string().optional(),
  speedMbit: z.number().int().optional(),
  bondMaster: BondMaster.optional()
})
export type Link = z.infer<typeof Link>
export type LinkInput = z.input<typeof Link>

export const Route = z.object({
  family: z.enum(['inet4', 'inet6']).default('inet4'),
  dst: z.string().default(''),
  src: z.string().default(''),
  gateway: z.string().default(''),
  table: z.string().default('main'),
  priority: z.number().int().default(1024),
  scope: z.string().default('global'),
  type: z.string().default('unicast'),
  flags: z.string().default(''),
  protocol: z.string().default('boot'),
  outLinkIndex: z.number().int().optional(),
  outLinkName: z.string().optional(),
  mtu: z.number().int().optional()
})
export type Route = z.infer<typeof Route>
export type RouteInput = z.input<typeof Route>

export const Address = z.object({
  address: z.string(),
  linkIndex: z.number().int(),
  linkName: z.string(),
  family: z.enum(['inet4', 'inet6']).default('inet4'),
  scope: z.string().default('global'),
  flags: z.string().default('permanent'),
  priority: z.number().int().default(1024)
})
export type Address = z.infer<typeof Address>

export const Cpu = z.object({
  socket: z.string().optional(),
  manufacturer: z.string().optional(),
  productName: z.string().optional(),
  maxSpeedMhz: z.number().int().optional(),
  bootSpeedMhz: z.number().int().optional(),
  status: z.string().optional(),
  serialNumber: z.string().optional(),
  assetTag: z.string().optional(),
  partNumber: z.string().optional(),
  coreCount: z.number().int().optional(),
  coreEnabled: z.number().int().optional(),
  threadCount: z.number().int().optional()
})
export type Cpu = z.infer<typeof Cpu>

export const MemoryModule = z.object({
  sizeMiB: z.number().int().optional(),
  deviceLocator: z.string().optional(),
  bankLocator: z.string().optional(),
  speed: z.number().int().optional(),
  manufacturer: z.string().optional(),
  serialNumber: z.string().optional(),
  assetTag: z.string().optional(),
  productName: z.string().optional()
})
export type MemoryModule = z.infer<typeof MemoryModule>

export const SystemInformation = z.object({
  manufacturer: z.string().optional(),
  productName: z.string().optional(),
  version: z.string().optional(),
  serialnumber: z.string().optional(),
  uuid: z.string().optional(),
  wakeUpType: z.string().optional(),
  skuNumber: z.string().optional()
})
export type SystemInformation = z.infer<typeof SystemInformation>

export const UnreachableKind = z.enum(['refused', 'no-route', 'timeout'])
export type UnreachableKind = z.infer<typeof UnreachableKind>

/** Per-machine fault knobs; each talosctl call that reaches the machine consults them. */
export const Faults = z.object({
  /** Every call fails at dial time with the matching real error text. */
  unreachable: UnreachableKind.optional(),
  /** The call never answers: the process hangs until it is killed. */
  silent: z.boolean().optional(),
  /** Delay before every answer. */
  slowMs: z.number().int().nonnegative().optional(),
  /** The next `count` calls fail with `error` (a gRPC error text; the command adds its prefix). */
  failNext: z.object({ count: z.number().int().nonnegative(), error: z.string() }).optional(),
  /** Output is malformed (cut short and garbled) while the exit code says success. */
  garbage: z.boolean().optional(),
  /** After the next upgrade's reboot the machine never answers again (a boot that hangs). */
  bootHangs: z.boolean().optional()
})
export type Faults = z.infer<typeof Faults>

export const Stage = z.enum(['maintenance', 'installing', 'rebooting', 'booting', 'running'])
export type Stage = z.infer<typeof Stage>

/** A change in progress; the current stage is computed from `startedAt` and the lab timing. */
export const Transition = z.object({
  kind: z.enum(['install', 'reboot', 'reset']),
  startedAt: z.number().int(),
  /** The address the machine answered at before the change. */
  fromIp: Ipv4,
  /** A reset without --reboot leaves the machine powered off. */
  powerOff: z.boolean().optional()
})
export type Transition = z.infer<typeof Transition>

/** What the applied machine config says about the cluster the machine belongs to. */
export const ClusterIdentity = z.object({
  name: z.string(),
  endpoint: z.string(),
  /** machine.ca.crt of the applied config (base64 PEM): the CA a talosconfig must carry. */
  ca: z.string()
})
export type ClusterIdentity = z.infer<typeof ClusterIdentity>

export const TalosVersion = z.string().regex(/^v1\.(9|1[0-3])\.\d+$/, 'Talos v1.9 to v1.13 expected')

export const Machine = z.object({
  /** A stable name for tests and the demo (not shown by talosctl). */
  id: z.string().min(1),
  /** Where the machine answers (or will answer once a transition ends). */
  ip: Ipv4,
  /** Where it answers in maintenance mode (its DHCP lease); a reset returns it here. */
  dhcpIp: Ipv4,
  talosVersion: TalosVersion.default('v1.11.6'),
  /** What `version` prints as OS/Arch linux/<arch> (the maintenance API refuses to say). */
  arch: z.enum(['amd64', 'arm64']).default('amd64'),
  /** `get securitystate` secureBoot: booted with UEFI Secure Boot enforcing. */
  secureBoot: z.boolean().default(false),
  stage: Stage.default('maintenance'),
  transition: Transition.optional(),
  configured: z.boolean().default(false),
  bootstrapped: z.boolean().default(false),
  role: z.enum(['controlplane', 'worker']).optional(),
  cluster: ClusterIdentity.optional(),
  /** The applied machine config (YAML), kept for kubeconfig and network overlays. */
  config: z.string().optional(),
  /** Disk Talos is installed on (`get systemdisk`); absent on a fresh ISO/PXE boot. */
  systemDisk: z.string().optional(),
  /** The installer image of the last upgrade (a schematic change is an upgrade too). */
  installImage: z.string().optional(),
  /** Kubernetes version after `upgrade-k8s`; before that the applied config's kubelet image says. */
  kubernetesVersion: z.string().optional(),
  /** Set when an install cannot finish (missing or readonly install disk). */
  installError: z.string().optional(),
  poweredOff: z.boolean().default(false),
  /** Its etcd member was removed (`etcd leave` / `etcd remove-member`); a reset clears it. */
  etcdRemoved: z.boolean().optional(),
  bootedAt: z.string().default('2025-11-20T10:13:57Z'),
  hostname: z.string().min(1),
  domainname: z.string().default(''),
  resolvers: z
    .object({ dnsServers: z.array(z.string()).default([]), searchDomains: z.array(z.string()).default([]) })
    .default({ dnsServers: [], searchDomains: [] }),
  hardware: z.object({
    disks: z.array(Disk).default([]),
    cpus: z.array(Cpu).default([]),
    memoryModules: z.array(MemoryModule).default([]),
    systemInformation: SystemInformation.default({})
  }),
  /** The network as DHCP left it; an applied config's static addresses are laid over it when read. */
  network: z.object({
    links: z.array(Link).default([]),
    routes: z.array(Route).default([]),
    addresses: z.array(Address).default([])
  }),
  faults: Faults.default({})
})
export type Machine = z.infer<typeof Machine>
export type MachineInput = z.input<typeof Machine>

export const Timing = z.object({
  /** From a maintenance apply until the install finishes (the old address refuses meanwhile). */
  installDelayMs: z.number().int().nonnegative().default(300),
  /** A reboot: the machine answers nowhere (no route to host). */
  rebootDelayMs: z.number().int().nonnegative().default(300),
  /** After a reboot: apid answers, stage `booting`, before `running`. */
  bootDelayMs: z.number().int().nonnegative().default(150),
  /** Pause between the lines `talosctl health` streams. */
  healthStepMs: z.number().int().nonnegative().default(30),
  /** Pause between new lines of `talosctl logs -f` / `dmesg -f`. */
  logStepMs: z.number().int().nonnegative().default(400),
  /** How long an unanswered dial takes to give up ("i/o timeout"); real talosctl: about 20 s. */
  dialTimeoutMs: z.number().int().nonnegative().default(1000),
  /** Longest wait a command's own timeout flag may cause (health --wait-timeout, reset --wait). */
  waitCapMs: z.number().int().nonnegative().default(2000)
})
export type Timing = z.infer<typeof Timing>

export const LabFile = z.object({
  version: z.literal(1).default(1),
  /** The version the fake talosctl reports for itself. */
  clientVersion: TalosVersion.default('v1.11.6'),
  /** Stands in for $HOME (~/.talos/config, ~/.kube/config) so a lab never touches the real ones. */
  home: z.string().optional(),
  /** What a dial to an address no machine holds gives. */
  absentHost: UnreachableKind.default('refused'),
  timing: Timing.default(Timing.parse({})),
  machines: z.array(Machine).default([])
})
export type LabFile = z.infer<typeof LabFile>
export type LabFileInput = z.input<typeof LabFile>
