import { AppError } from '../../shared/errors'
import { isPhysical } from '../talos/hardware/interfaces'
import type { Link } from '../talos/resources'
import type { TalosApi } from '../talos/talos-api'

export type IdentityTalos = Pick<TalosApi, 'links'>

const ZERO_MAC = /^(00:)*00$/

/** Every MAC a machine carries, current and burned-in: a bond or VLAN takes a member's MAC. */
export function macsOf(links: readonly Link[]): Set<string> {
  const out = new Set<string>()
  for (const l of links) {
    for (const mac of [l.spec.hardwareAddr, l.spec.permanentAddr]) {
      if (mac && !ZERO_MAC.test(mac)) out.add(mac.toLowerCase())
    }
  }
  return out
}

/** The MACs that name the machine in a message: its physical NICs' burned-in addresses. */
export function nicMacs(links: readonly Link[]): string[] {
  const named = links
    .filter(isPhysical)
    .map((l) => (l.spec.permanentAddr && !ZERO_MAC.test(l.spec.permanentAddr) ? l.spec.permanentAddr : l.spec.hardwareAddr))
    .filter((m) => m && !ZERO_MAC.test(m))
    .map((m) => m.toLowerCase())
  return named.length ? [...new Set(named)] : [...macsOf(links)]
}

export interface ExpectedMachine {
  hostname: string
  /** The registered MAC. */
  mac: string
  targetIp: string
  /** Where setup is about to send the configuration, and how. */
  ip: string
  insecure: boolean
  talosconfig?: string
}

/**
 * A DHCP address moves between machines, so the one answering where setup is about to apply may
 * not be the registered node. Its config selects the interface by the registered MAC and would
 * match nothing there (then setup would wait for half an hour), so refuse before sending anything.
 */
export async function assertSameMachine(talos: IdentityTalos, m: ExpectedMachine, o: { signal?: AbortSignal; timeoutMs?: number }): Promise<void> {
  const links = await talos.links({ node: m.ip, insecure: m.insecure, talosconfig: m.talosconfig, ...o })
  const want = m.mac.toLowerCase()
  if (macsOf(links).has(want)) return
  const theirs = nicMacs(links)
  const found = theirs.length ? `MAC ${theirs.join(', ')}` : 'no MAC address'
  const next =
    m.ip === m.targetIp
      ? `Turn that machine off, or give ${m.hostname} another target address: wild node update ${m.hostname} --target-ip <address>.`
      : `If ${m.hostname} now has another address (its console shows it), run: wild node update ${m.hostname} --current-ip <address>.`
  throw new AppError(
    'CONFLICT',
    `The machine answering at ${m.ip} is not ${m.hostname}: it has ${found}, but ${m.hostname} is registered with MAC ${want}. ` +
      `Nothing was sent to it. ${next} If it is ${m.hostname} with a replaced network card, ` +
      `run: wild node update ${m.hostname} --mac <its MAC>. Then run setup again.`,
    { registeredMac: want, foundMacs: theirs, ip: m.ip }
  )
}
