import { randomBytes } from 'node:crypto'
import { execa } from 'execa'

/** Runs `ip` with an argument array, a timeout and an abort signal; throws with its stderr. */
export async function ip(args: string[], signal: AbortSignal): Promise<void> {
  await execa('ip', args, { timeout: 15_000, cancelSignal: signal })
}

export interface Lan {
  id: string
  bridgeNs: string
  routerNs: string
  laptopNs: string
  tap: string
  routerIp: string
  laptopIp: string
  laptopIf: string
  range: [string, string]
  destroy(): Promise<void>
}

/**
 * The virtual LAN: a bridge (in its own namespace, with the VM's tap) joining a "router"
 * namespace and a "laptop" namespace by veth pairs. Only 198.51.100.0/24 (TEST-NET-2) exists in
 * it and nothing links it to the host's networks. Unique names per run; destroy() deletes every
 * namespace, which takes their links with them.
 */
export async function createLan(signal: AbortSignal): Promise<Lan> {
  const id = randomBytes(3).toString('hex')
  const lan: Lan = {
    id,
    bridgeNs: `wnb-${id}-b`,
    routerNs: `wnb-${id}-r`,
    laptopNs: `wnb-${id}-l`,
    tap: 'tap0',
    routerIp: '198.51.100.1',
    laptopIp: '198.51.100.2',
    laptopIf: 'lan0',
    range: ['198.51.100.100', '198.51.100.150'],
    async destroy() {
      for (const ns of [lan.bridgeNs, lan.routerNs, lan.laptopNs]) {
        await execa('ip', ['netns', 'delete', ns], { timeout: 15_000, reject: false })
      }
    }
  }
  try {
    for (const ns of [lan.bridgeNs, lan.routerNs, lan.laptopNs]) {
      await ip(['netns', 'add', ns], signal)
      await ip(['-n', ns, 'link', 'set', 'lo', 'up'], signal)
    }
    const b = lan.bridgeNs
    await ip(['-n', b, 'link', 'add', 'br0', 'type', 'bridge', 'stp_state', '0', 'forward_delay', '0'], signal)
    await ip(['-n', b, 'link', 'set', 'br0', 'up'], signal)
    for (const [ns, name, addr] of [
      [lan.routerNs, 'lan0', lan.routerIp],
      [lan.laptopNs, lan.laptopIf, lan.laptopIp]
    ] as const) {
      const peer = ns === lan.routerNs ? 'to-router' : 'to-laptop'
      await ip(['-n', ns, 'link', 'add', name, 'type', 'veth', 'peer', 'name', peer, 'netns', b], signal)
      await ip(['-n', b, 'link', 'set', peer, 'master', 'br0', 'up'], signal)
      await ip(['-n', ns, 'addr', 'add', `${addr}/24`, 'dev', name], signal)
      await ip(['-n', ns, 'link', 'set', name, 'up'], signal)
    }
    await ip(['-n', b, 'tuntap', 'add', 'dev', lan.tap, 'mode', 'tap'], signal)
    await ip(['-n', b, 'link', 'set', lan.tap, 'master', 'br0', 'up'], signal)
  } catch (e) {
    await lan.destroy()
    throw e
  }
  return lan
}
