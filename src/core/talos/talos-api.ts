import { AppError } from '../../shared/errors'
import { configEndpointCall, configMergeCall, configNodeCall, genConfigCall, genSecretsCall, machineconfigPatchCall, validateCall } from './calls/config'
import { callTalos, type CallDecl, type CallOptions } from './calls/define'
import { applyConfigCall, bootstrapCall, etcdSnapshotCall, healthCall, kubeconfigCall, resetCall } from './calls/lifecycle'
import { getCall, versionCall } from './calls/read'
import { malformedOutput } from './errors'
import { parseHealthLine, type HealthEvent } from './health'
import type { ResourceKind, ResourceOf } from './resources'
import type { LineSink, TalosRunner } from './runner'
import type * as args from './talos-args'
import type { VersionText } from './version-text'

export type { CallOptions }

export type TalosApi = ReturnType<typeof createTalosApi>
export type TargetOptions = args.Target & CallOptions

function single<T>(items: T[]): T | null {
  return items[0] ?? null
}

/**
 * One typed method per talosctl call the product makes, each running its declaration
 * (calls/*.ts). Results are parsed and checked; failures are AppErrors with operator messages.
 */
export function createTalosApi(runner: TalosRunner) {
  /** Runs a declared call (arguments, timeout, credentials, output and errors from `decl`). */
  const call = <I, O>(decl: CallDecl<I, O>, input: I, o: CallOptions = {}): Promise<O> => callTalos(runner, decl, input, o)

  async function get<K extends ResourceKind>(kind: K, o: TargetOptions, id?: string): Promise<ResourceOf<K>[]> {
    return (await call(getCall, { kind, target: o, id }, o)) as ResourceOf<K>[]
  }

  async function version(o: Partial<args.Target> & CallOptions = {}): Promise<VersionText> {
    return call(versionCall, { target: o.node ? (o as args.Target) : null }, o)
  }

  return {
    runner,
    call,
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

    genSecrets: (input: Parameters<typeof args.genSecretsArgs>[0], o: CallOptions = {}): Promise<void> => call(genSecretsCall, input, o),
    /** Writes controlplane.yaml, worker.yaml and talosconfig into outputDir (mode 0644: tighten after). */
    genConfig: (input: Parameters<typeof args.genConfigArgs>[0], o: CallOptions = {}) => call(genConfigCall, input, o),
    /** Patched YAML on stdout, or written to `output` (then the result is ""). */
    patchMachineConfig: (input: Parameters<typeof args.machineconfigPatchArgs>[0], o: CallOptions = {}): Promise<string> =>
      call(machineconfigPatchCall, input, o),
    /**
     * `talosctl validate --mode metal` on a config file. A refusal becomes CONFIG_INVALID quoting
     * the validator's reasons; a missing talosctl, a timeout or a cancel stays what it is.
     */
    validateConfig: (input: Parameters<typeof args.validateArgs>[0], o: CallOptions = {}): Promise<void> => call(validateCall, input, o),
    /** Resolves with talosctl's stderr summary ("Applied configuration …", dry-run notes, warnings). */
    applyConfig: (input: Parameters<typeof args.applyConfigArgs>[0], o: CallOptions = {}): Promise<{ summary: string }> => call(applyConfigCall, input, o),
    bootstrap: (target: args.Target, o: CallOptions = {}): Promise<void> => call(bootstrapCall, target, o),
    /** Writes the kubeconfig file (0600, never merged into ~/.kube/config). */
    kubeconfig: (input: Parameters<typeof args.kubeconfigArgs>[0], o: CallOptions = {}): Promise<string> => call(kubeconfigCall, input, o),
    /** Runs the health checks; each progress line is parsed and passed to `onProgress`. */
    async health(input: Parameters<typeof args.healthArgs>[0], o: CallOptions & { onProgress?: (e: HealthEvent) => void } = {}): Promise<void> {
      const onLine: LineSink = (stream, line) => {
        o.onLine?.(stream, line)
        if (stream === 'stderr' && line.trim()) o.onProgress?.(parseHealthLine(line))
      }
      await call(healthCall, input, { ...o, onLine })
    },
    configEndpoint: (talosconfig: string, endpoints: string[], o: CallOptions = {}): Promise<void> => call(configEndpointCall, { talosconfig, endpoints }, o),
    configNode: (talosconfig: string, nodes: string[], o: CallOptions = {}): Promise<void> => call(configNodeCall, { talosconfig, nodes }, o),
    /** Merges `file`'s contexts into `talosconfig`; returns talosctl's rename notes, if any. */
    configMerge: (talosconfig: string, file: string, o: CallOptions = {}): Promise<string> => call(configMergeCall, { talosconfig, file }, o),
    /** Streams an etcd snapshot of one control-plane node to `path`; returns talosctl's summary lines. */
    etcdSnapshot: (input: Parameters<typeof args.etcdSnapshotArgs>[0], o: CallOptions = {}): Promise<string> => call(etcdSnapshotCall, input, o),
    reset: (input: Parameters<typeof args.resetArgs>[0], o: CallOptions = {}): Promise<void> => call(resetCall, input, o)
  }
}
