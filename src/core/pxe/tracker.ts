import type { ClientArch, Firmware } from './client'
import type { BootEvent, BootStage, SeenClient } from './schemas'

/**
 * Joins what each protocol sees into one story per machine: DHCP knows the MAC, TFTP and HTTP
 * only the address, so the address a MAC asked the router for (option 50, broadcast) or used
 * later links them. Emits an event each time a machine reaches a stage.
 */
export function createBootTracker(emit: (e: BootEvent) => void, now: () => Date = () => new Date()) {
  const clients = new Map<string, SeenClient>()
  const macByIp = new Map<string, string>()

  function upsert(mac: string, patch: Partial<SeenClient>): SeenClient {
    const prev: SeenClient = clients.get(mac) ?? {
      mac,
      ip: null,
      arch: 'unknown',
      // Only iPXE asks for scripts and kernels over HTTP without a DHCP exchange we saw.
      firmware: 'ipxe',
      stage: 'dhcp',
      script: null,
      lastSeenAt: now().toISOString()
    }
    const next = { ...prev, ...patch, lastSeenAt: now().toISOString() }
    clients.set(mac, next)
    if (next.ip) macByIp.set(next.ip, mac)
    return next
  }

  function reach(c: SeenClient, stage: BootStage): void {
    emit({ event: 'boot', mac: c.mac, ip: c.ip, arch: c.arch, firmware: c.firmware, stage })
  }

  return {
    /** A DHCP answer went out (ip: the address it has or asked for, when known). */
    dhcp(mac: string, ip: string | null, arch: ClientArch, firmware: Firmware): void {
      const c = upsert(mac, { ...(ip ? { ip } : {}), arch, firmware, stage: 'dhcp' })
      reach(c, 'dhcp')
    },
    /** A client named its address without being answered (a REQUEST to the router). */
    learnIp(mac: string, ip: string): void {
      if (clients.has(mac)) upsert(mac, { ip })
    },
    /** A later stage, seen by address (TFTP/HTTP) or by MAC (the script URL carries it). */
    stage(by: { mac?: string | null; ip: string }, stage: BootStage, patch: Partial<SeenClient> = {}): void {
      const mac = by.mac ?? macByIp.get(by.ip) ?? `unknown@${by.ip}`
      const c = upsert(mac, { ip: by.ip, stage, ...patch })
      reach(c, stage)
    },
    /** The MAC last seen at this address (zero-touch checks a config request against it). */
    macAt(ip: string): string | null {
      return macByIp.get(ip) ?? null
    },
    clients(): SeenClient[] {
      return [...clients.values()]
    }
  }
}
export type BootTracker = ReturnType<typeof createBootTracker>
