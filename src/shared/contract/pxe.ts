import { z } from 'zod'
import { InstanceName, InstanceRef } from '../schemas/common'
import { Arch, AssetState, AssetType, SchematicId, TalosVersion } from './assets'
import { command, type CommandMap, type EventMap } from './types'

/** The order a network boot goes through; a later stage means the machine got further. */
export const BootStage = z.enum(['dhcp', 'binary', 'script', 'kernel', 'initramfs', 'config'])
export type BootStage = z.infer<typeof BootStage>

/** One line of `wild pxe serve --json`, and what the UI's live table is built from. */
export const BootEvent = z.object({
  event: z.literal('boot'),
  mac: z.string(),
  ip: z.string().nullable(),
  arch: z.enum(['amd64', 'arm64', 'ia32', 'unknown']),
  firmware: z.enum(['bios', 'uefi', 'uefi-http', 'ipxe']),
  stage: BootStage
})
export type BootEvent = z.infer<typeof BootEvent>

/** A machine the server has seen, with the node it belongs to when its MAC is registered. */
export const PxeClientView = BootEvent.omit({ event: true }).extend({
  script: z.enum(['installer', 'local-disk']).nullable(),
  lastSeenAt: z.string(),
  hostname: z.string().nullable(),
  /** The app looked for it after its initramfs and found it in maintenance mode here: ready to set up. */
  maintenance: z.object({ ip: z.string(), seenAt: z.string() }).nullable().optional()
})
export type PxeClientView = z.infer<typeof PxeClientView>

export const PxeStatus = z.object({
  instance: z.string(),
  running: z.boolean(),
  /** Who runs it: this app (in-process, or simulated on the demo lab), or another process (the CLI). */
  runBy: z.enum(['app', 'demo', 'other']).nullable(),
  interface: z.string().nullable(),
  address: z.string().nullable(),
  httpPort: z.number().int().nullable(),
  mode: z.enum(['proxy', 'full']).nullable(),
  version: z.string().nullable(),
  startedAt: z.string().nullable(),
  stoppedAt: z.string().nullable(),
  /** The process that runs (or last ran) the server: `wild pxe stop` names it. */
  pid: z.number().int().nullable(),
  /** The architectures it serves (or served). */
  archs: z.array(z.string()),
  /** Some nodes get their machine config at boot (zero-touch) from this server. */
  applyConfigAtBoot: z.boolean(),
  clients: z.array(PxeClientView)
})
export type PxeStatus = z.infer<typeof PxeStatus>

export const PxeInterface = z.object({
  name: z.string(),
  address: z.string(),
  cidr: z.string(),
  /** Inside the cluster's subnet (or the only candidate): the one to serve on. */
  suggested: z.boolean()
})
export type PxeInterface = z.infer<typeof PxeInterface>

/** ready: downloaded and recorded; missing: not (fully) on disk; unverified: on disk without a download record, or corrupt. */
export const PxeAssetState = z.enum(['ready', 'missing', 'unverified'])
export type PxeAssetState = z.infer<typeof PxeAssetState>

export const PxeAssetSet = z.object({
  arch: Arch,
  state: PxeAssetState,
  files: z.array(z.object({ type: AssetType, state: AssetState, size: z.number().int().nonnegative() })),
  /** What to do about it, in words; null when ready. */
  next: z.string().nullable()
})
export type PxeAssetSet = z.infer<typeof PxeAssetSet>

export const PxeAssets = z.object({
  version: z.string(),
  schematicId: z.string(),
  sets: z.array(PxeAssetSet),
  binaries: z.array(z.object({ name: z.string(), description: z.string(), present: z.boolean() })),
  /** The server can start: amd64 or arm64 complete and nothing half-there. */
  ready: z.boolean()
})
export type PxeAssets = z.infer<typeof PxeAssets>

/** Nodes that get their machine config at boot (zero-touch), by hostname. */
export const PxeZeroTouch = z.object({
  nodes: z.array(z.object({ hostname: z.string(), mac: z.string().nullable(), configGenerated: z.boolean(), enabled: z.boolean() }))
})
export type PxeZeroTouch = z.infer<typeof PxeZeroTouch>

export const pxeCommands = {
  'pxe.status': command({
    summary: 'Whether a network boot server runs for the instance (here or from the CLI) and the machines it has seen',
    input: () => InstanceRef,
    output: () => PxeStatus
  }),
  'pxe.interfaces': command({
    summary: "The laptop's network interfaces with IPv4, the one inside the cluster subnet suggested",
    input: () => InstanceRef,
    output: () => z.array(PxeInterface)
  }),
  'pxe.assets': command({
    summary: 'Which boot assets and iPXE builds a network boot server would serve for the instance, and their state',
    input: () => InstanceRef,
    output: () => PxeAssets
  }),
  'pxe.start': command({
    summary: 'Start the network boot server in the app (needs the privilege for ports 67, 69, 4011)',
    input: () =>
      z
        .object({
          instance: InstanceName,
          interface: z.string().min(1, 'Choose an interface').max(64),
          httpPort: z.number().int().min(1).max(65535).optional(),
          /** Lacking the privilege for ports 67/69/4011: ask for administrator rights (the system's own prompt). */
          elevate: z.boolean().optional(),
          // The rest is what `wild pxe serve` may ask for; the app starts with the defaults.
          /** The Talos version and schematic to boot (default: the instance's). */
          version: TalosVersion.optional(),
          schematicId: SchematicId.optional(),
          /** FROM-TO: be the LAN's DHCP server with leases from this range (default: proxy DHCP). */
          dhcpRange: z.string().max(64).optional(),
          /** Installed nodes: "exit" to the next boot device (default) or "sanboot" the first disk. */
          localBoot: z.enum(['exit', 'sanboot']).optional(),
          /** Which nodes get their machine config at boot: per-node (default, pxe.zeroTouch.set), every registered node, or none. */
          configAtBoot: z.enum(['per-node', 'all', 'off']).optional(),
          /** Stop when this process ends (the app that started the server as root). */
          parentPid: z.number().int().min(1).optional(),
          /** Started from a terminal (`wild pxe serve`): a missing privilege names sudo and setcap, not the app's prompt. */
          terminal: z.boolean().optional()
        })
        .strict(),
    output: () => PxeStatus
  }),
  'pxe.stop': command({
    summary: 'Stop the network boot server this app runs',
    /** other: also a server another process runs (`wild pxe serve`, the root helper): asked through its stop-request file, waited for up to 15 s. */
    input: () => z.object({ instance: InstanceName, other: z.boolean().optional() }).strict(),
    output: () => PxeStatus
  }),
  'pxe.zeroTouch.get': command({
    summary: 'Nodes registered with a MAC and whether each gets its machine config at boot',
    input: () => InstanceRef,
    output: () => PxeZeroTouch
  }),
  'pxe.zeroTouch.set': command({
    summary: 'Turn "apply config at boot" on or off for one node',
    input: () => z.object({ instance: InstanceName, hostname: z.string().min(1).max(253), enabled: z.boolean() }).strict(),
    output: () => PxeZeroTouch
  })
} satisfies CommandMap

export const pxeEvents = {
  'pxe.boot': BootEvent.extend({ instance: z.string(), hostname: z.string().nullable() }),
  'pxe.changed': z.object({ instance: z.string() }),
  /** What a server this process runs has to say (a refused request, why it stops); `wild pxe serve` prints it on stderr. */
  'pxe.log': z.object({ instance: z.string(), line: z.string() })
} satisfies EventMap
