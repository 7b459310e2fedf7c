import { AppError } from '../../shared/errors'
import type { TalosApi } from '../talos/talos-api'

/** What a machine at an address says about itself, as far as setup cares. */
export type MachineAnswer =
  | { kind: 'maintenance'; stage: string | null }
  | { kind: 'ours'; stage: string | null; version: string | null }
  | { kind: 'foreign'; detail: string }
  | { kind: 'unreachable'; detail: string }

export type ProbeTalos = Pick<TalosApi, 'machineStatus' | 'version'>

export interface ProbeOptions {
  signal?: AbortSignal
  timeoutMs?: number
  /**
   * Ask with the talosconfig first: one call instead of three when the machine is expected to
   * be ours already (waiting for it to come back, bootstrap). The answer does not carry a stage.
   */
  expectOurs?: boolean
}

const QUIET = ['NODE_UNREACHABLE', 'TIMEOUT']

async function insecureFirst(talos: ProbeTalos, ip: string, talosconfig: string | null, o: ProbeOptions): Promise<MachineAnswer> {
  const call = { signal: o.signal, timeoutMs: o.timeoutMs }
  try {
    const status = await talos.machineStatus({ node: ip, insecure: true, ...call })
    return { kind: 'maintenance', stage: status?.spec.stage ?? null }
  } catch (e) {
    if (!(e instanceof AppError)) throw e
    if (QUIET.includes(e.code)) return { kind: 'unreachable', detail: e.message }
    if (e.code !== 'NOT_IN_MAINTENANCE') throw e
  }
  if (!talosconfig) {
    return { kind: 'foreign', detail: `${ip} is configured, and this instance has no credentials for it yet.` }
  }
  try {
    const status = await talos.machineStatus({ node: ip, talosconfig, ...call })
    const version = await talos.version({ node: ip, talosconfig, ...call })
    return { kind: 'ours', stage: status?.spec.stage ?? null, version: version.servers[0]?.tag ?? null }
  } catch (e) {
    if (!(e instanceof AppError)) throw e
    if (QUIET.includes(e.code)) return { kind: 'unreachable', detail: e.message }
    if (e.code === 'CERT_OR_AUTH') return { kind: 'foreign', detail: e.message }
    throw e
  }
}

/**
 * Asks the machine at `ip` who it is (reference talos.md §5): maintenance mode answers
 * `--insecure`; a configured machine refuses that, and then is ours only if it accepts this
 * instance's talosconfig. Without a talosconfig a configured machine cannot be ours.
 */
export async function probeMachine(talos: ProbeTalos, ip: string, talosconfig: string | null, o: ProbeOptions = {}): Promise<MachineAnswer> {
  if (!o.expectOurs || !talosconfig) return insecureFirst(talos, ip, talosconfig, o)
  try {
    const version = await talos.version({ node: ip, talosconfig, signal: o.signal, timeoutMs: o.timeoutMs })
    return { kind: 'ours', stage: null, version: version.servers[0]?.tag ?? null }
  } catch (e) {
    if (!(e instanceof AppError)) throw e
    if (QUIET.includes(e.code)) return { kind: 'unreachable', detail: e.message }
    // Refused credentials: in maintenance mode, or someone else's; the insecure ladder tells.
    if (e.code !== 'CERT_OR_AUTH' && e.code !== 'NOT_IN_MAINTENANCE') throw e
    return insecureFirst(talos, ip, talosconfig, o)
  }
}
