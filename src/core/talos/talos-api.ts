import { join } from 'node:path'
import { AppError } from '../../shared/errors'
import { malformedOutput, multierrorReasons } from './errors'
import { parseHealthLine, type HealthEvent } from './health'
import { parseResources, type ResourceKind, type ResourceOf } from './resources'
import type { LineSink, TalosRunner } from './runner'
import * as args from './talos-args'
import { parseVersionText, type VersionText } from './version-text'

export interface CallOptions {
  signal?: AbortSignal
  /** Overrides the per-call default below. */
  timeoutMs?: number
  onLine?: LineSink
}

/** Defaults per kind of call: talosctl has no timeouts of its own. */
export const TIMEOUTS = {
  get: 20_000,
  version: 20_000,
  gen: 60_000,
  local: 30_000,
  apply: 120_000,
  bootstrap: 60_000,
  kubeconfig: 60_000,
  reset: 120_000,
  // A snapshot streams the whole etcd database (tens to hundreds of MB on a busy cluster).
  etcdSnapshot: 600_000,
  // Added to the health wait-timeout, so talosctl reports its own verdict first.
  healthSlack: 60_000
} as const

export type TalosApi = ReturnType<typeof createTalosApi>
export type TargetOptions = args.Target & CallOptions

function runOpts(o: CallOptions, timeoutMs: number, talosconfig?: string) {
  return {
    signal: o.signal,
    timeoutMs: o.timeoutMs ?? timeoutMs,
    onLine: o.onLine,
    talosconfig
  }
}

/** The talosconfig is only handed to talosctl for calls that use credentials. */
function credentials(t: args.Target): string | undefined {
  return t.insecure ? undefined : t.talosconfig
}

/** The validator's own reasons ("N errors occurred: * a * b"), else its last error line. */
function validatorRefusal(file: string, e: AppError): string {
  const tail = (e.details as { stderrTail?: string } | undefined)?.stderrTail ?? ''
  const head = /\d+ errors? occurred:?/.exec(tail)
  const reasons = head ? multierrorReasons(tail.slice(head.index + head[0].length)) : []
  const why = reasons.length ? reasons.join('; ') : e.message.replace(/^talosctl validate failed: /, '')
  return `talosctl validate --mode metal rejects ${file}: ${why}. Nothing was applied; fix the cluster or node settings (or the hand edit) and run setup again.`
}

function single<T>(items: T[]): T | null {
  return items[0] ?? null
}

/**
 * One typed method per talosctl call the product makes. Results are parsed and checked; failures
 * are AppErrors with operator messages (errors.ts).
 */
export function createTalosApi(runner: TalosRunner) {
  async function get<K extends ResourceKind>(kind: K, o: TargetOptions, id?: string): Promise<ResourceOf<K>[]> {
    const { stdout } = await runner.run(args.getArgs(kind, o, id), runOpts(o, TIMEOUTS.get, credentials(o)))
    return parseResources(kind, stdout)
  }

  async function version(o: Partial<args.Target> & CallOptions = {}): Promise<VersionText> {
    const target = o.node ? (o as args.Target) : null
    const { stdout } = await runner.run(args.versionArgs(target), runOpts(o, TIMEOUTS.version, target ? credentials(target) : undefined))
    const parsed = parseVersionText(stdout)
    if (!parsed.client && parsed.servers.length === 0) throw malformedOutput('its version', 'no Client or Server block', stdout)
    return parsed
  }

  return {
    runner,
    get,
    disks: (o: TargetOptions) => get('disks', o),
    links: (o: TargetOptions) => get('links', o),
    routes: (o: TargetOptions) => get('routes', o),
    addresses: (o: TargetOptions) => get('addresses', o),
    nodeAddresses: (o: TargetOptions) => get('nodeaddresses', o),
    discoveredVolumes: (o: TargetOptions) => get('discoveredvolumes', o),
    cpus: (o: TargetOptions) => get('cpus', o),
    memoryModules: (o: TargetOptions) => get('memorymodules', o),
    machineStatus: async (o: TargetOptions) => single(await get('machinestatus', o)),
    /** Exists only once Talos is installed (META/STATE found); null on a fresh boot. */
    systemDisk: async (o: TargetOptions) => single(await get('systemdisk', o)),
    hostname: async (o: TargetOptions) => single(await get('hostname', o)),
    resolvers: async (o: TargetOptions) => single(await get('resolvers', o)),
    systemInformation: async (o: TargetOptions) => single(await get('systeminformation', o)),
    /**
     * The Talos version from the `version` resource: readable in maintenance mode, v1.10+ only.
     * Null when the resource type does not exist (v1.9).
     */
    async talosVersion(o: TargetOptions): Promise<string | null> {
      try {
        return single(await get('version', o))?.spec.version ?? null
      } catch (e) {
        if (e instanceof AppError && e.code === 'NOT_FOUND') return null
        throw e
      }
    },

    /** `talosctl version` against a node (refused in maintenance mode), or `--client` without one. */
    version,
    async clientVersion(o: CallOptions = {}): Promise<string> {
      const tag = (await version(o)).client?.tag
      if (!tag) throw malformedOutput('its version', 'no client Tag line')
      return tag
    },

    async genSecrets(input: Parameters<typeof args.genSecretsArgs>[0], o: CallOptions = {}): Promise<void> {
      await runner.run(args.genSecretsArgs(input), runOpts(o, TIMEOUTS.gen))
    },
    /** Writes controlplane.yaml, worker.yaml and talosconfig into outputDir (mode 0644: tighten after). */
    async genConfig(input: Parameters<typeof args.genConfigArgs>[0], o: CallOptions = {}) {
      await runner.run(args.genConfigArgs(input), runOpts(o, TIMEOUTS.gen))
      return {
        controlplane: join(input.outputDir, 'controlplane.yaml'),
        worker: join(input.outputDir, 'worker.yaml'),
        talosconfig: join(input.outputDir, 'talosconfig')
      }
    },
    /** Patched YAML on stdout, or written to `output` (then the result is ""). */
    async patchMachineConfig(input: Parameters<typeof args.machineconfigPatchArgs>[0], o: CallOptions = {}): Promise<string> {
      const { stdout } = await runner.run(args.machineconfigPatchArgs(input), runOpts(o, TIMEOUTS.local))
      return stdout
    },
    /**
     * `talosctl validate --mode metal` on a config file. A refusal becomes CONFIG_INVALID quoting
     * the validator's reasons; a missing talosctl, a timeout or a cancel stays what it is.
     */
    async validateConfig(input: Parameters<typeof args.validateArgs>[0], o: CallOptions = {}): Promise<void> {
      try {
        await runner.run(args.validateArgs(input), runOpts(o, TIMEOUTS.local))
      } catch (e) {
        if (!(e instanceof AppError) || ['CANCELLED', 'TIMEOUT', 'TALOSCTL_NOT_FOUND'].includes(e.code)) throw e
        throw new AppError('CONFIG_INVALID', validatorRefusal(input.file, e), e.details)
      }
    },
    /** Resolves with talosctl's stderr summary ("Applied configuration …", dry-run notes, warnings). */
    async applyConfig(input: Parameters<typeof args.applyConfigArgs>[0], o: CallOptions = {}): Promise<{ summary: string }> {
      const { stderr } = await runner.run(args.applyConfigArgs(input), runOpts(o, TIMEOUTS.apply, credentials(input.target)))
      return { summary: stderr.trim() }
    },
    async bootstrap(target: args.Target, o: CallOptions = {}): Promise<void> {
      await runner.run(args.bootstrapArgs(target), runOpts(o, TIMEOUTS.bootstrap, target.talosconfig))
    },
    /** Writes the kubeconfig file (0600, never merged into ~/.kube/config). */
    async kubeconfig(input: Parameters<typeof args.kubeconfigArgs>[0], o: CallOptions = {}): Promise<string> {
      await runner.run(args.kubeconfigArgs(input), runOpts(o, TIMEOUTS.kubeconfig, input.target.talosconfig))
      return input.output
    },
    /** Runs the health checks; each progress line is parsed and passed to `onProgress`. */
    async health(input: Parameters<typeof args.healthArgs>[0], o: CallOptions & { onProgress?: (e: HealthEvent) => void } = {}): Promise<void> {
      const parsed = args.HealthInput.parse(input)
      const onLine: LineSink = (stream, line) => {
        o.onLine?.(stream, line)
        if (stream === 'stderr' && line.trim()) o.onProgress?.(parseHealthLine(line))
      }
      await runner.run(args.healthArgs(input), {
        ...runOpts(o, parsed.waitTimeoutMs + TIMEOUTS.healthSlack, input.target.talosconfig),
        onLine
      })
    },
    async configEndpoint(talosconfig: string, endpoints: string[], o: CallOptions = {}): Promise<void> {
      await runner.run(args.configEndpointArgs(endpoints), runOpts(o, TIMEOUTS.local, args.FilePath.parse(talosconfig)))
    },
    async configNode(talosconfig: string, nodes: string[], o: CallOptions = {}): Promise<void> {
      await runner.run(args.configNodeArgs(nodes), runOpts(o, TIMEOUTS.local, args.FilePath.parse(talosconfig)))
    },
    /** Merges `file`'s contexts into `talosconfig`; returns talosctl's rename notes, if any. */
    async configMerge(talosconfig: string, file: string, o: CallOptions = {}): Promise<string> {
      const { stderr } = await runner.run(args.configMergeArgs(file), runOpts(o, TIMEOUTS.local, args.FilePath.parse(talosconfig)))
      return stderr.trim()
    },
    /** Streams an etcd snapshot of one control-plane node to `path`; returns talosctl's summary lines. */
    async etcdSnapshot(input: Parameters<typeof args.etcdSnapshotArgs>[0], o: CallOptions = {}): Promise<string> {
      const { stdout } = await runner.run(args.etcdSnapshotArgs(input), runOpts(o, TIMEOUTS.etcdSnapshot, input.target.talosconfig))
      return stdout.trim()
    },
    async reset(input: Parameters<typeof args.resetArgs>[0], o: CallOptions = {}): Promise<void> {
      await runner.run(args.resetArgs(input), runOpts(o, TIMEOUTS.reset, credentials(input.target)))
    }
  }
}
