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

/**
 * Injected into the scan so tests and the bench run without talosctl. `onFirst` gets what the
 * first answer tells (state, MAC), so the screen shows the machine before the rest arrives.
 */
export type Identify = (ip: string, signal: AbortSignal, onFirst?: (first: Identity) => void) => Promise<Identity>

export type IdentifySource = Pick<TalosApi, 'links' | 'addresses' | 'hostname'>

export const CONFIGURED_NOTE = 'Configured Talos node: it belongs to a cluster and refuses maintenance-mode calls.'

const physicalUp = (l: Link) => l.spec.type === 'ether' && l.spec.kind === '' && Boolean(l.spec.linkState) && Boolean(l.spec.hardwareAddr)

/**
 * The link that carries `ip`, else the first physical link with carrier: that is the NIC the
 * operator sees on the machine's console and the MAC a DHCP reservation would use.
 */
export function linkFor(ip: string, links: Link[], addresses: Address[]): Link | null {
  const owner = addresses.find((a) => a.spec.address.split('/')[0] === ip)?.spec.linkName
  const byName = owner ? links.find((l) => l.metadata.id === owner) : undefined
  if (byName) return byName
  return links.find(physicalUp) ?? null
}

/** Addresses are only needed to choose between several physical links with carrier. */
export function needsAddresses(links: Link[]): boolean {
  return links.filter(physicalUp).length > 1
}

async function optional<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p
  } catch (e) {
    if (e instanceof AppError && e.code === 'CANCELLED') throw e
    return null
  }
}

const macOf = (link: Link | null) => (link?.spec.hardwareAddr ? link.spec.hardwareAddr.toLowerCase() : null)

/**
 * Identifies a responder with `--insecure` calls, as few as the data allows (each is a talosctl
 * process, and real talosctl reaches one maintenance node per process: with `--insecure` the
 * `-n` values are endpoints and only the first is used). `get links` goes first and doubles as
 * the maintenance check: only the maintenance API answers `--insecure`, so a configured node
 * refuses it (one process, done) and an answer means maintenance mode. Then the hostname, and
 * addresses beside it only when several NICs have carrier and the one carrying the address must
 * be named. One NIC up: two processes (was five, then three). The Talos version is not read
 * here: the scan fills it in after reporting the machines (see version-fill.ts).
 */
export function createTalosIdentify(api: IdentifySource, options: { timeoutMs?: number } = {}): Identify {
  const timeoutMs = options.timeoutMs ?? 10_000
  return async (ip, signal, onFirst) => {
    const target = { node: ip, insecure: true, signal, timeoutMs }
    let links: Link[]
    try {
      links = await api.links(target)
    } catch (e) {
      if (e instanceof AppError && (e.code === 'NOT_IN_MAINTENANCE' || e.code === 'CERT_OR_AUTH')) {
        return { state: 'configured', mac: null, hostname: null, version: null, interface: null, stage: null, note: CONFIGURED_NOTE }
      }
      throw e
    }
    const guess = linkFor(ip, links, [])
    const first: Identity = {
      state: 'maintenance',
      mac: macOf(guess),
      hostname: null,
      version: null,
      interface: guess?.metadata.id ?? null,
      stage: 'maintenance',
      note: null
    }
    onFirst?.(first)
    const [addresses, hostname] = await Promise.all([
      needsAddresses(links) ? optional(api.addresses(target)) : Promise.resolve(null),
      optional(api.hostname(target))
    ])
    const link = addresses ? linkFor(ip, links, addresses) : guess
    return { ...first, mac: macOf(link), interface: link?.metadata.id ?? null, hostname: hostname?.spec.hostname ?? null }
  }
}
