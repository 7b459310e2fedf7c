import {
  commandNames,
  contract,
  eventNames,
  events,
  type CommandInput,
  type CommandName,
  type CommandOutput,
  type EventName,
  type EventPayload
} from '../../src/shared/contract'
import type { DiagnosticsReport } from '../../src/shared/contract/app'
import type { Asset } from '../../src/shared/contract/assets'
import type { ClusterSettings } from '../../src/shared/contract/cluster'
import type { DiscoveredNode, DiscoveryStatus } from '../../src/shared/contract/discovery'
import type { Node } from '../../src/shared/contract/nodes'
import type { Operation } from '../../src/shared/contract/operations'
import type { HardwareInfo } from '../../src/shared/contract/talos'
import type { Machine } from '../../src/shared/contract/machines'
import type { ErrorCode } from '../../src/shared/errors'
import { CHANNEL_PREFIX, type EventMessage } from '../../src/shared/ipc'
import { createWildApi, type WildApi } from '../../src/preload/api'

/** Thrown by a fake handler to answer with an error envelope. */
export class FakeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown
  ) {
    super(message)
  }
}

export type FakeHandler<K extends CommandName> = (input: CommandInput<K>) => CommandOutput<K> | Promise<CommandOutput<K>>
export type FakeHandlers = { [K in CommandName]?: FakeHandler<K> }

export interface FakeWild {
  api: WildApi
  /** Every call, in order, with its (parsed) input. */
  calls: Array<{ name: CommandName; input: unknown }>
  callsOf<K extends CommandName>(name: K): Array<CommandInput<K>>
  /** Replace one command's handler. */
  handle<K extends CommandName>(name: K, handler: FakeHandler<K>): void
  /** Push an event as main would (payload checked against the contract). */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void
  readyCalled: () => boolean
}

/** A promise that never settles: a query stays loading for as long as the test looks. */
export function pending<T>(): Promise<T> {
  return new Promise<T>(() => {})
}

/**
 * A fake `window.wild` built from the contract's own keys (no hand-kept list) through the
 * real `createWildApi`, so the renderer goes through the same allowlist and envelope as in the
 * app. Inputs and outputs are checked against the contract's zod schemas, as main does: a
 * screen sending a wrong input, or a fixture with a wrong shape, fails the test.
 * Commands without a handler answer NOT_FOUND with a message naming the command.
 */
export function createFakeWild(handlers: FakeHandlers = {}): FakeWild {
  const table: Record<string, FakeHandler<CommandName> | undefined> = {}
  for (const name of commandNames) table[name] = handlers[name] as FakeHandler<CommandName> | undefined
  const calls: FakeWild['calls'] = []
  let subscriber: ((m: EventMessage) => void) | null = null
  let ready = false

  const api = createWildApi({
    async invoke(channel, input) {
      const name = channel.slice(CHANNEL_PREFIX.length) as CommandName
      const def = contract[name]
      const parsed = def.input.safeParse(input)
      if (!parsed.success) {
        return { ok: false, error: { code: 'VALIDATION', message: `Invalid input for ${name}: ${parsed.error.issues[0]?.message}` } }
      }
      calls.push({ name, input: parsed.data })
      const handler = table[name]
      if (!handler) return { ok: false, error: { code: 'NOT_FOUND', message: `The fake has no handler for ${name}` } }
      try {
        const value = await handler(parsed.data as never)
        const out = def.output.safeParse(value)
        if (!out.success) throw new Error(`Fake fixture for ${name} does not match the contract: ${JSON.stringify(out.error.issues[0])}`)
        return { ok: true, value: out.data }
      } catch (e) {
        if (e instanceof FakeError) return { ok: false, error: { code: e.code, message: e.message, details: e.details } }
        throw e
      }
    },
    subscribe(listener) {
      subscriber = listener
    },
    ready() {
      ready = true
    }
  })

  return {
    api,
    calls,
    callsOf: <K extends CommandName>(name: K) => calls.filter((c) => c.name === name).map((c) => c.input as CommandInput<K>),
    handle(name, handler) {
      table[name] = handler as FakeHandler<CommandName>
    },
    emit(name, payload) {
      if (!eventNames.includes(name)) throw new Error(`Unknown event ${name}`)
      const parsed = (events[name] as { parse: (v: unknown) => unknown }).parse(payload)
      subscriber?.({ name, payload: parsed })
    },
    readyCalled: () => ready
  }
}

/** Creates a fake and installs it as window.wild for the current test. */
export function installFakeWild(handlers: FakeHandlers = {}): FakeWild {
  const fake = createFakeWild({ ...defaultHandlers(), ...handlers })
  ;(globalThis as { wild?: WildApi }).wild = fake.api
  return fake
}

export function uninstallFakeWild(): void {
  delete (globalThis as { wild?: WildApi }).wild
}

/** A plausible, healthy app: one instance, default settings, passing diagnostics. */
export function defaultHandlers(): FakeHandlers {
  return {
    'app.info': () => ({ version: '0.1.0', platform: 'linux', arch: 'x64', shell: 'electron', demo: false, dataDir: '/home/op/.config/wild-central/data' }),
    'settings.get': () => fixtures.settings(),
    'instances.list': () => [],
    'diagnostics.run': () => fixtures.diagnostics()
  }
}

export const fixtures = {
  /** A row of the Machines list: a scanned maintenance machine unless `p` says otherwise. */
  machine: (p: Partial<Machine> & { key: string }): Machine => ({
    mac: null,
    hostname: null,
    node: null,
    role: null,
    state: 'maintenance',
    stateReason: null,
    currentIp: null,
    targetIp: null,
    version: null,
    arch: null,
    cpu: null,
    memoryBytes: null,
    disks: [],
    sources: ['scan'],
    seenAt: new Date().toISOString(),
    stale: false,
    staleReason: null,
    canSetup: false,
    vip: false,
    ...p
  }),
  settings: () => ({
    dataDir: '/home/op/.config/wild-central/data',
    talosctlPath: 'talosctl',
    theme: 'system' as const,
    proxy: null,
    factoryUrl: 'https://factory.talos.dev'
  }),
  instance: (name = 'home-lab', over: Partial<CommandOutput<'instances.create'>> = {}) => ({
    name,
    path: `/home/op/.config/wild-central/data/instances/${name}`,
    current: true,
    demo: false,
    clusterName: null,
    nodeCount: 0,
    error: null,
    ...over
  }),
  diagnostics: (): DiagnosticsReport => ({
    checkedAt: new Date().toISOString(),
    checks: [
      { id: 'talosctl', label: 'talosctl', status: 'ok', detail: 'v1.10.3 at talosctl', hint: null },
      { id: 'data-dir', label: 'Data folder', status: 'ok', detail: '/data is writable', hint: null },
      { id: 'free-disk', label: 'Free disk', status: 'ok', detail: '120.0 GiB free in the data folder', hint: null },
      { id: 'platform', label: 'Platform', status: 'ok', detail: 'Linux 6.8 (linux/x64), Node 22', hint: null }
    ]
  }),
  operation: (over: Partial<Operation> = {}): Operation => ({
    id: 'op_download_1',
    type: 'download',
    target: 'v1.11.5 metal-amd64',
    instance: 'home-lab',
    status: 'running',
    message: 'Downloading metal-amd64.iso',
    progress: 40,
    startedAt: new Date(Date.now() - 65_000).toISOString(),
    endedAt: null,
    steps: [
      {
        name: 'Download kernel',
        status: 'completed',
        startedAt: new Date(Date.now() - 65_000).toISOString(),
        endedAt: new Date(Date.now() - 50_000).toISOString(),
        message: null
      },
      { name: 'Download ISO', status: 'running', startedAt: new Date(Date.now() - 50_000).toISOString(), endedAt: null, message: null },
      { name: 'Verify checksums', status: 'pending', startedAt: null, endedAt: null, message: null }
    ],
    currentStep: 'Download ISO',
    currentStepStartedAt: new Date(Date.now() - 50_000).toISOString(),
    bytesDone: 40 * 1024 * 1024,
    bytesTotal: 100 * 1024 * 1024,
    bytesPerSecond: 5 * 1024 * 1024,
    logTail: ['GET https://factory.talos.dev/image/…/metal-amd64.iso', '40 MiB of 100 MiB'],
    failedStep: null,
    error: null,
    ...over
  }),
  node: (over: Partial<Node> = {}): Node => ({
    hostname: 'cp-1',
    role: 'controlplane',
    mac: '00:1a:2b:3c:4d:01',
    targetIp: '192.168.1.51',
    currentIp: '192.168.1.120',
    interface: 'enp1s0',
    disk: '/dev/nvme0n1',
    version: 'v1.11.5',
    schematicId: null,
    configured: false,
    deployed: false,
    state: 'added',
    stateReason: null,
    ...over
  }),
  hardware: (over: Partial<HardwareInfo> = {}): HardwareInfo => ({
    ip: '192.168.1.120',
    ipCidr: '192.168.1.120/24',
    interface: 'enp1s0',
    mac: '00:1a:2b:3c:4d:01',
    interfaceReason: 'enp1s0 has the default route and a link.',
    gateway: '192.168.1.1',
    selectedDisk: '/dev/nvme0n1',
    selectedDiskReason: 'The NVMe disk is the fastest; the USB stick is what the machine booted from.',
    systemDisk: null,
    maintenanceMode: true,
    talosVersion: 'v1.11.5',
    stage: 'maintenance',
    ready: null,
    hostname: 'talos-abc-def',
    disks: [
      {
        path: '/dev/nvme0n1',
        size: 512_110_190_592,
        prettySize: '512 GB',
        model: 'Samsung SSD 980',
        serial: 'S1',
        transport: 'nvme',
        rotational: false,
        readonly: false,
        cdrom: false,
        kind: 'nvme',
        systemDisk: false,
        bootMedium: false,
        candidate: true
      },
      {
        path: '/dev/sda',
        size: 4_000_787_030_016,
        prettySize: '4.0 TB',
        model: 'WDC WD40EFRX',
        serial: 'W1',
        transport: 'sata',
        rotational: true,
        readonly: false,
        cdrom: false,
        kind: 'hdd',
        systemDisk: false,
        bootMedium: false,
        candidate: true,
        reason: 'A large spinning disk: usually meant for data.'
      },
      {
        path: '/dev/sdb',
        size: 16_000_000_000,
        prettySize: '16 GB',
        model: 'SanDisk Cruzer',
        serial: 'U1',
        transport: 'usb',
        rotational: false,
        readonly: false,
        cdrom: false,
        kind: 'usb',
        systemDisk: false,
        bootMedium: true,
        candidate: false,
        reason: 'The machine booted from this stick.'
      }
    ],
    interfaces: [
      {
        name: 'enp1s0',
        mac: '00:1a:2b:3c:4d:01',
        permanentMac: null,
        state: 'up',
        linkUp: true,
        speedMbit: 1000,
        physical: true,
        type: 'ether',
        kind: '',
        driver: 'igc',
        vendor: 'Intel',
        product: 'I225-V',
        busPath: null,
        master: null,
        addresses: ['192.168.1.120/24']
      },
      {
        name: 'enp2s0',
        mac: '00:1a:2b:3c:4d:02',
        permanentMac: null,
        state: 'down',
        linkUp: false,
        speedMbit: null,
        physical: true,
        type: 'ether',
        kind: '',
        driver: 'igc',
        vendor: 'Intel',
        product: 'I225-V',
        busPath: null,
        master: null,
        addresses: []
      },
      {
        name: 'dummy0',
        mac: '',
        permanentMac: null,
        state: 'down',
        linkUp: false,
        speedMbit: null,
        physical: false,
        type: 'ether',
        kind: 'dummy',
        driver: null,
        vendor: null,
        product: null,
        busPath: null,
        master: null,
        addresses: []
      }
    ],
    addresses: [{ interface: 'enp1s0', address: '192.168.1.120/24', family: 'inet4' }],
    nameservers: ['192.168.1.1'],
    cpu: { model: 'Intel N100', sockets: 1, cores: 4, threads: 4, maxSpeedMhz: 3400 },
    memoryBytes: 16 * 1024 ** 3,
    system: { manufacturer: 'Beelink', productName: 'EQ12', serialNumber: 'BL123', uuid: null },
    arch: 'amd64',
    archSource: 'cpu',
    archReason: 'Its CPU, Intel N100, is amd64.',
    board: null,
    secureBoot: false,
    ...over
  }),
  asset: (over: Partial<Asset> = {}): Asset => {
    const type = over.type ?? 'iso'
    const name = { iso: 'talos.iso', kernel: 'kernel', initramfs: 'initramfs.xz', cmdline: 'cmdline' }[type]
    return {
      type,
      version: 'v1.11.5',
      schematicId: VANILLA,
      arch: 'amd64',
      path: `/data/instances/home-lab/pxe/${VANILLA}@v1.11.5/amd64/${name}`,
      size: { iso: 110_000_000, kernel: 18_000_000, initramfs: 80_000_000, cmdline: 300 }[type],
      sha256: 'ab'.repeat(32),
      downloaded: true,
      state: 'downloaded',
      url: `https://factory.talos.dev/image/${VANILLA}/v1.11.5/${type}`,
      ...over
    }
  },
  cluster: (over: Partial<ClusterSettings> = {}): ClusterSettings => ({
    name: 'home',
    vip: null,
    talosVersion: 'v1.11.5',
    kubernetesVersion: '1.34.1',
    schematicId: null,
    network: { subnet: null, gateway: null, dnsServers: [] },
    hostnamePrefix: '',
    allowSchedulingOnControlPlanes: false,
    bootstrapped: null,
    ...over
  }),
  found: (over: Partial<DiscoveredNode> = {}): DiscoveredNode => ({
    ip: '192.168.1.120',
    mac: '00:1a:2b:3c:4d:01',
    hostname: 'talos-abc-def',
    maintenanceMode: true,
    state: 'maintenance',
    version: 'v1.11.5',
    disks: ['/dev/nvme0n1', '/dev/sdb'],
    stage: 'maintenance',
    note: null,
    foundAt: new Date().toISOString(),
    ...over
  }),
  discovery: (over: Partial<DiscoveryStatus> = {}): DiscoveryStatus => ({
    active: false,
    operationId: null,
    startedAt: null,
    finishedAt: null,
    cidr: null,
    port: 50000,
    probed: 0,
    total: 0,
    responders: 0,
    nodesFound: [],
    error: null,
    warning: null,
    ...over
  })
}

export const VANILLA = '376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba'
