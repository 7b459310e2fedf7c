import type { DiscoveredState } from '../../shared/contract/discovery'
import { AppError } from '../../shared/errors'
import type { Address, Link } from '../talos/resources'
import type { TalosApi } from '../talos/talos-api'

/** What talosctl tells about an address that answered on the port. */
export interface Identity {
  state: DiscoveredState
  mac: string | null
  hostname: string | null
  version: string | null
  interface: string | null
  stage: string | null
  note: string | null
}

/** Injected into the scan so tests and the bench run without talosctl. */
export type Identify = (ip: string, signal: AbortSignal) => Promise<Identity>

export type IdentifySource = Pick<TalosApi, 'machineStatus' | 'links' | 'addresses' | 'hostname' | 'talosVersion'>

export const CONFIGURED_NOTE = 'Configured Talos node: it belongs to a cluster and refuses maintenance-mode calls.'

/**
 * The link that carries `ip`, else the first physical link with carrier: that is the NIC the
 * operator sees on the machine's console and the MAC a DHCP reservation would use.
 */
export function linkFor(ip: string, links: Link[], addresses: Address[]): Link | null {
  const owner = addresses.find((a) => a.spec.address.split('/')[0] === ip)?.spec.linkName
  const byName = owner ? links.find((l) => l.metadata.id === owner) : undefined
  if (byName) return byName
  return links.find((l) => l.spec.type === 'ether' && l.spec.kind === '' && l.spec.linkState && l.spec.hardwareAddr) ?? null
}

async function optional<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p
  } catch (e) {
    if (e instanceof AppError && e.code === 'CANCELLED') throw e
    return null
  }
}

/**
 * Identifies a responder with `--insecure` calls, as the reference's detection ladder does:
 * machinestatus first; a refusal for lack of credentials means a configured node (not an error);
 * then links, addresses, hostname and version side by side, each optional.
 */
export function createTalosIdentify(api: IdentifySource, options: { timeoutMs?: number } = {}): Identify {
  const timeoutMs = options.timeoutMs ?? 10_000
  return async (ip, signal) => {
    const target = { node: ip, insecure: true, signal, timeoutMs }
    let stage: string | null
    try {
      stage = (await api.machineStatus(target))?.spec.stage ?? null
    } catch (e) {
      if (e instanceof AppError && (e.code === 'NOT_IN_MAINTENANCE' || e.code === 'CERT_OR_AUTH')) {
        return { state: 'configured', mac: null, hostname: null, version: null, interface: null, stage: null, note: CONFIGURED_NOTE }
      }
      throw e
    }
    const [links, addresses, hostname, version] = await Promise.all([
      optional(api.links(target)),
      optional(api.addresses(target)),
      optional(api.hostname(target)),
      optional(api.talosVersion(target))
    ])
    const link = linkFor(ip, links ?? [], addresses ?? [])
    return {
      state: 'maintenance',
      mac: link?.spec.hardwareAddr ? link.spec.hardwareAddr.toLowerCase() : null,
      hostname: hostname?.spec.hostname ?? null,
      version,
      interface: link?.metadata.id ?? null,
      stage,
      note: null
    }
  }
}
