import { setTimeout as sleep } from 'node:timers/promises'
import type { Identify, Identity } from '../discovery/identify'
import { probeHosts, type ProbeOptions, type ProbeSummary } from '../discovery/probe'

/** A machine that booted from us and now answers in maintenance mode at its address. */
export interface Arrival {
  mac: string
  ip: string
  seenAt: string
  identity: Identity
}

export interface FollowUpDeps {
  identify: Identify
  /** The demo lab's probe; a TCP connect to the Talos API port otherwise. */
  probe?: (o: ProbeOptions) => Promise<ProbeSummary>
  onArrival(instance: string, arrival: Arrival): void
  port?: number
  everyMs?: number
  /** Talos takes a minute or two after its initramfs; a machine silent this long is left alone. */
  giveUpMs?: number
}

/** Past the initramfs, the next thing a Talos installer does is answer on its API port. */
export function worthFollowing(c: { stage: string; ip: string | null; script?: string | null }): c is { stage: string; ip: string } {
  return !!c.ip && (c.stage === 'initramfs' || c.stage === 'config') && c.script !== 'local-disk'
}

/**
 * Seen, not guessed: a machine that fetched its initramfs from us is looked for at the address it
 * booted with (a cheap TCP probe first, talosctl only once the port answers) until it comes up in
 * maintenance mode, then reported once. Nothing else is ever probed.
 */
export function createBootFollowUp(deps: FollowUpDeps) {
  const arrived = new Map<string, Map<string, Arrival>>()
  const following = new Map<string, AbortController>()
  // Closed with the core for good: a status read that arrives later (an event's listener) follows nothing.
  let closed = false
  const probe = deps.probe ?? probeHosts

  async function answers(ip: string, signal: AbortSignal): Promise<boolean> {
    let open = false
    await probe({ hosts: [ip], port: deps.port ?? 50000, timeoutMs: 2_000, adaptive: false, signal, onResult: (r) => (open = r.outcome === 'open') })
    return open
  }

  async function follow(instance: string, mac: string, ip: string, signal: AbortSignal): Promise<void> {
    const deadline = Date.now() + (deps.giveUpMs ?? 15 * 60_000)
    while (!signal.aborted && Date.now() < deadline) {
      if (await answers(ip, signal).catch(() => false)) {
        const identity = await deps.identify(ip, signal).catch(() => null)
        // Another machine at that address (a lease moved) is not this one.
        if (identity?.state === 'maintenance' && (!identity.mac || identity.mac.toLowerCase() === mac.toLowerCase())) {
          const arrival = { mac, ip, seenAt: new Date().toISOString(), identity }
          if (!arrived.has(instance)) arrived.set(instance, new Map())
          arrived.get(instance)!.set(mac, arrival)
          deps.onArrival(instance, arrival)
          return
        }
      }
      await sleep(deps.everyMs ?? 5_000, undefined, { signal }).catch(() => {})
    }
  }

  return {
    /** Called with every client the server reports; starts one follower per MAC and address. */
    consider(instance: string, client: { mac: string; ip: string | null; stage: string; script?: string | null }): void {
      if (closed || !worthFollowing(client)) return
      const key = `${instance}|${client.mac}|${client.ip}`
      if (following.has(key) || arrived.get(instance)?.get(client.mac)?.ip === client.ip) return
      const ctl = new AbortController()
      following.set(key, ctl)
      void follow(instance, client.mac, client.ip, ctl.signal).finally(() => {
        if (following.get(key) === ctl) following.delete(key)
      })
    },
    arrival(instance: string, mac: string): Arrival | null {
      return arrived.get(instance)?.get(mac) ?? null
    },
    close(): void {
      closed = true
      for (const ctl of following.values()) ctl.abort()
      following.clear()
    }
  }
}
export type BootFollowUp = ReturnType<typeof createBootFollowUp>
