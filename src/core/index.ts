import { EventBus } from './event-bus'
import { createAssetService } from './assets/service'
import { createInstanceService } from './instances/instances'
import { createDiagnostics } from './diagnostics/diagnostics'
import { talosctlClientVersion } from './talos/client-version'
import { createTalosLayer } from './talos/service'
import { createOperationsRegistry } from './operations/registry'
import { cleanupOperationsAtStart } from './operations/startup-cleanup'
import { createDiscoveryService } from './discovery/service'
import { createTalosIdentify } from './discovery/identify'
import { createVersionReader } from './discovery/version-fill'
import { createConfigStore } from './config/store'
import { createConfigService } from './config/config-service'
import { createNodeService } from './nodes/nodes'
import { createClusterService } from './cluster/cluster'
import { createEtcdService } from './etcd/etcd'
import { createNodeOpsService } from './node-ops/node-ops'
import { createUpgradeService } from './upgrade/upgrade'
import { createUpgradeCalls } from './upgrade/talos-calls'
import { timingWith } from './cluster/timing'
import type { LifecycleTiming } from './cluster/timing'
import { demoCoreParts, type DemoLab } from './demo'
import { createHttpClient, type HttpClient } from './assets/http'
import { createVersionCatalog } from './talos/version-catalog'
import type { PxeElevation } from './pxe/elevated'
import { createPxeService } from './pxe/service'
import { DEFAULT_FACTORY_URL } from './app-settings'
import { createMachinesService } from './machines/service'
import { factsFrom } from './machines/facts'
import { createBoardService } from './boards/service'
import type { TalosCallSink } from './logs/talos-calls'
import { createBoardChoices } from './boards/choice'

export interface CoreOptions {
  /** Root of everything the app writes: <dataDir>/instances/<name>/… */
  dataDir: string
  /** The talosctl executable: a path, or a name looked up on PATH. */
  talosctlPath: string
  /** Image Factory base URL. */
  factoryUrl?: string
  /** HTTP(S) proxy set in the app; HTTPS_PROXY/NO_PROXY are honoured as well. */
  proxy?: string | null
  /** Shared bus; a new one is made when absent. */
  events?: EventBus
  /** Extra environment for talosctl (the simulated lab's WILD_LAB_FILE in demo mode and tests). */
  talosctlEnv?: Record<string, string>
  /** Waits and polls of setup and bootstrap (tests and the lab use short ones). */
  lifecycleTiming?: Partial<LifecycleTiming>
  /** Where "merge kubeconfig" writes (tests); default $KUBECONFIG's first entry or ~/.kube/config. */
  kubeconfigTarget?: string
  /**
   * Run on the demo lab: simulated talosctl in-process, simulated network, no packets sent. The
   * caller loads the lab (src/lab/demo-lab.ts) lazily and hands it in; the core never imports it.
   */
  demo?: DemoLab
  /** The desktop app: how to run `wild pxe serve` as root after the platform's elevation prompt. */
  pxeElevation?: PxeElevation
  /** Told about every talosctl call when it ends: the app's and the CLI's talosctl log. */
  talosCalls?: TalosCallSink
}

export { DEFAULT_FACTORY_URL }

/**
 * The composition root: every service of the engine, wired once. Plain Node — no electron —
 * so the shell, the CLI, the browser harness and the tests all use the same core.
 */
export function createCore(options: CoreOptions) {
  const events = options.events ?? new EventBus()
  const demo = options.demo ? demoCoreParts(options.demo) : null
  const instances = createInstanceService({ dataDir: options.dataDir, events })
  const diagnostics = createDiagnostics({
    dataDir: options.dataDir,
    talosctlPath: options.talosctlPath,
    talosctlClientVersion: (signal) => (demo ? talos.clientVersion({ signal }) : talosctlClientVersion(options.talosctlPath, signal))
  })
  const { talos, hardware } = createTalosLayer({
    talosctlPath: options.talosctlPath,
    env: options.talosctlEnv,
    exec: demo?.exec,
    onCall: options.talosCalls,
    instances,
    // pxe is built below; asked only when a detection runs.
    bootArch: async (instance, macs) => {
      const seen = (await pxe.status(instance)).clients.filter((c) => macs.includes(c.mac) && c.arch !== 'unknown')
      return seen[0]?.arch ?? null
    }
  })
  const operations = createOperationsRegistry({ dataDir: options.dataDir, events })
  const startupCleanup = cleanupOperationsAtStart(options.dataDir, operations)
  const discovery = createDiscoveryService({
    dataDir: options.dataDir,
    events,
    operations,
    identify: createTalosIdentify(talos),
    readVersion: createVersionReader(talos),
    probe: demo?.probe,
    suggest: demo?.suggest,
    // Read when a status is asked for; config and nodes are built just below.
    known: async (instance) => ({ vip: (await config.settings(instance)).vip, nodes: await nodes.list(instance) }),
    facts: async (instance, mac) => {
      const boot = (await pxe.status(instance).catch(() => null))?.clients.find((c) => c.mac.toLowerCase() === mac)
      return factsFrom(await nodes.hardwareFor(instance, mac), boot && boot.arch !== 'unknown' ? boot.arch : null)
    }
  })
  const assets = createAssetService({
    dataDir: options.dataDir,
    factoryUrl: options.factoryUrl || DEFAULT_FACTORY_URL,
    proxy: options.proxy,
    operations,
    events
  })
  const configStore = createConfigStore({ dataDir: options.dataDir })
  const config = createConfigService({ store: configStore, events })
  const nodes = createNodeService({
    store: configStore,
    events,
    dataDir: options.dataDir,
    detect: (instance, ip, signal) => hardware.detect(instance, ip, signal),
    talos
  })
  const boardChoices = createBoardChoices(configStore)
  const cluster = createClusterService({
    dataDir: options.dataDir,
    boardChoice: (instance, hostname) => boardChoices.get(instance, hostname),
    config,
    nodes,
    talos,
    operations,
    timing: options.lifecycleTiming,
    kubeconfigTarget: options.kubeconfigTarget ?? demo?.kubeconfigTarget
  })
  const etcd = createEtcdService({ dataDir: options.dataDir, config, nodes, talos, operations })
  const nodeOps = createNodeOpsService({ dataDir: options.dataDir, nodes, talos, operations, events, timing: options.lifecycleTiming })
  const upgrade = createUpgradeService({
    dataDir: options.dataDir,
    config,
    nodes,
    talos,
    calls: createUpgradeCalls(talos.runner),
    etcd,
    operations,
    timing: timingWith(options.lifecycleTiming)
  })
  // Opened on first use: most runs of the CLI never ask for the version list.
  let versionsHttp: HttpClient | null = null
  const talosVersions = createVersionCatalog({
    dataDir: options.dataDir,
    factoryUrl: options.factoryUrl || DEFAULT_FACTORY_URL,
    dispatcher: () => (versionsHttp ??= createHttpClient({ proxy: options.proxy })).dispatcher
  })
  const boards = createBoardService({
    dataDir: options.dataDir,
    factoryUrl: options.factoryUrl || DEFAULT_FACTORY_URL,
    assets,
    nodes,
    settings: (instance) => config.settings(instance),
    choices: boardChoices
  })
  const pxe = createPxeService({
    dataDir: options.dataDir,
    events,
    listNodes: (instance) => nodes.list(instance),
    clusterSubnet: async (instance) => (await config.settings(instance)).network.subnet,
    demo: options.demo,
    elevation: options.pxeElevation,
    identify: createTalosIdentify(talos),
    probe: demo?.probe,
    // Simulated machines come up within seconds of their initramfs.
    followUpEveryMs: demo ? 1000 : undefined
  })
  const machines = createMachinesService({
    nodes: (instance) => nodes.list(instance),
    vip: async (instance) => (await config.settings(instance)).vip,
    scan: (instance) => discovery.status(instance),
    pxe: (instance) => pxe.status(instance),
    hardwareFor: (instance, mac) => nodes.hardwareFor(instance, mac)
  })
  return {
    options: { factoryUrl: DEFAULT_FACTORY_URL, proxy: null, ...options },
    events,
    instances,
    diagnostics,
    talos,
    // Detection for an instance is remembered, so adding the node can check its disk and NIC.
    hardware: { ...hardware, detect: nodes.detectWithMemory(hardware.detect) },
    operations,
    discovery,
    assets,
    config,
    nodes,
    cluster,
    etcd,
    nodeOps,
    upgrade,
    talosVersions,
    pxe,
    machines,
    boards,
    /** Stops background work; call before replacing the core. */
    async close(): Promise<void> {
      await startupCleanup
      await nodeOps.close()
      await discovery.close()
      await pxe.close()
      await operations.close()
      await assets.close()
      await versionsHttp?.close()
    }
  }
}

export type Core = ReturnType<typeof createCore>
