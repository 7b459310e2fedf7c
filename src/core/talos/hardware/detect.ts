import type { HardwareInfo } from '@shared/contract/talos'
import { AppError, type ErrorCode } from '@shared/errors'
import type { ResourceKind, ResourceOf } from '../resources'
import type { TalosApi, TargetOptions } from '../talos-api'
import { describeHardware, type MachineResources } from './describe'

/** What detection needs from the Talos API; tests pass a fake built from resource fixtures. */
export type HardwareSource = Pick<TalosApi, 'get' | 'version'>

export interface DetectOptions {
  /** The instance's talosconfig, for machines that are already configured. */
  talosconfig?: string
  signal?: AbortSignal
  /** Per talosctl call. */
  timeoutMs?: number
  /** talosctl processes at once: each is a Go binary of some tens of MB. */
  concurrency?: number
  /** The architecture the network boot server saw for any of these MACs (null: never booted from it). */
  bootArch?: (macs: string[]) => Promise<string | null>
}

/** Failures that only mean "this optional resource is not available here". */
const TOLERATED: ErrorCode[] = ['NOT_FOUND', 'MAINTENANCE_UNSUPPORTED', 'CERT_OR_AUTH', 'MALFORMED_OUTPUT']

function linkedController(signal?: AbortSignal): AbortController {
  const c = new AbortController()
  if (signal?.aborted) c.abort()
  else signal?.addEventListener('abort', () => c.abort(), { once: true })
  return c
}

/** Runs tasks at most `limit` at a time; the first failure aborts the rest and is thrown. */
async function runLimited<T>(tasks: (() => Promise<T>)[], limit: number, stop: AbortController): Promise<T[]> {
  const results: T[] = new Array(tasks.length)
  let next = 0
  let failure: unknown = null
  const worker = async () => {
    while (next < tasks.length && failure === null) {
      const i = next++
      try {
        results[i] = await tasks[i]!()
      } catch (e) {
        if (failure === null) failure = e
        stop.abort()
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker))
  if (failure !== null) throw failure
  return results
}

/**
 * Decides how to talk to the machine: maintenance mode answers `--insecure`; a configured machine
 * refuses that with "certificate required", and then needs the instance's talosconfig.
 */
async function probe(api: HardwareSource, ip: string, opts: DetectOptions) {
  const call = { signal: opts.signal, timeoutMs: opts.timeoutMs }
  try {
    const status = await api.get('machinestatus', { node: ip, insecure: true, ...call })
    return { maintenance: true, target: { node: ip, insecure: true } as TargetOptions, status: status[0] ?? null }
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'NOT_IN_MAINTENANCE') throw e
    if (!opts.talosconfig) {
      throw new AppError(
        'NOT_IN_MAINTENANCE',
        `${ip} is already configured (it belongs to a cluster), and this instance has no talosconfig to talk to it. ` +
          `If it belongs to this instance, generate the cluster configuration first; otherwise reset the machine to reuse it.`,
        e.details
      )
    }
    const target: TargetOptions = { node: ip, insecure: false, talosconfig: opts.talosconfig }
    const status = await api.get('machinestatus', { ...target, ...call })
    return { maintenance: false, target, status: status[0] ?? null }
  }
}

/**
 * Reads a machine's resources and describes its hardware. Maintenance machines are read with
 * `--insecure`; configured ones with the talosconfig. Calls run a few at a time; required
 * resources (disks, links, routes, addresses) fail the detection, optional ones are skipped.
 */
export async function detectHardware(api: HardwareSource, ip: string, opts: DetectOptions = {}): Promise<HardwareInfo> {
  const { maintenance, target, status } = await probe(api, ip, opts)
  const stop = linkedController(opts.signal)
  const call: TargetOptions = { ...target, signal: stop.signal, timeoutMs: opts.timeoutMs }

  const required =
    <K extends ResourceKind>(kind: K) =>
    () =>
      api.get(kind, call)
  const optional =
    <K extends ResourceKind>(kind: K) =>
    async (): Promise<ResourceOf<K>[]> => {
      try {
        return await api.get(kind, call)
      } catch (e) {
        if (e instanceof AppError && TOLERATED.includes(e.code)) return []
        throw e
      }
    }

  const kinds = [
    ['disks', required('disks')],
    ['links', required('links')],
    ['routes', required('routes')],
    ['addresses', required('addresses')],
    ['systemdisk', optional('systemdisk')],
    ['discoveredvolumes', optional('discoveredvolumes')],
    ['hostname', optional('hostname')],
    ['version', optional('version')],
    ['resolvers', optional('resolvers')],
    ['cpus', optional('cpus')],
    ['memorymodules', optional('memorymodules')],
    ['systeminformation', optional('systeminformation')],
    ['securitystate', optional('securitystate')]
  ] as const
  const results = await runLimited<unknown[]>(
    kinds.map(([, task]) => task as () => Promise<unknown[]>),
    opts.concurrency ?? 4,
    stop
  )
  const got = Object.fromEntries(kinds.map(([k], i) => [k, results[i]!])) as unknown as {
    [K in (typeof kinds)[number][0]]: ResourceOf<K>[]
  }

  let talosVersion: string | null = got.version[0]?.spec.version ?? null
  let versionOsArch: string | null = null
  if (!maintenance) {
    // Configured machines answer the Version API: OS/Arch, and the tag on Talos older than v1.10
    // (no version resource). Maintenance mode refuses it to LAN clients, so it is not asked.
    try {
      const server = (await api.version({ ...call })).servers[0]
      talosVersion ??= server?.tag ?? null
      versionOsArch = server?.osArch ?? null
    } catch (e) {
      if (!(e instanceof AppError) || !TOLERATED.includes(e.code)) throw e
    }
  }
  const macs = got.links.map((l) => l.spec.hardwareAddr).filter((m): m is string => !!m)
  const bootArch = opts.bootArch && macs.length ? await opts.bootArch(macs).catch(() => null) : null

  const resources: MachineResources = {
    disks: got.disks,
    links: got.links,
    routes: got.routes,
    addresses: got.addresses,
    machineStatus: status,
    systemDisk: got.systemdisk[0] ?? null,
    volumes: got.discoveredvolumes,
    hostname: got.hostname[0] ?? null,
    resolvers: got.resolvers[0] ?? null,
    talosVersion,
    cpus: got.cpus,
    memoryModules: got.memorymodules,
    systemInformation: got.systeminformation[0] ?? null,
    securityState: got.securitystate[0] ?? null,
    versionOsArch,
    bootArch
  }
  return describeHardware(resources, { ip, maintenance })
}
