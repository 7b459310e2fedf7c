import { join } from 'node:path'
import type { CidrSuggestion } from '../shared/contract/discovery'
import { answeringDemoHosts, createInProcessTalosctl, DEMO_LAPTOP_IP, DEMO_SUBNET } from '../lab/demo'
import type { ProbeOptions, ProbeSummary } from './discovery/probe'

/** What the core swaps when it runs on the demo lab instead of a real network. */
export interface DemoOptions {
  /** The demo lab's state file. */
  labFile: string
}

/**
 * A probe that asks the demo lab which addresses answer instead of opening sockets: the demo
 * never sends a packet, and works where 127.0.10.x is not routable (macOS, Windows).
 */
export function createDemoProbe(labFile: string) {
  return async function demoProbe(o: ProbeOptions): Promise<ProbeSummary> {
    const hosts = [...o.hosts]
    const open = await answeringDemoHosts(labFile, hosts)
    let probed = 0
    for (const ip of hosts) {
      if (o.signal?.aborted) return { probed, open: open.size, cancelled: true, deadlineMs: 0, peakSockets: 0 }
      probed++
      const isOpen = open.has(ip)
      o.onResult?.({ ip, outcome: isOpen ? 'open' : 'timeout', ms: isOpen ? 1 : 0 })
      // Yield now and then so progress events flow as they would during a real scan.
      if (probed % 32 === 0) await new Promise((r) => setTimeout(r, 5))
    }
    return { probed, open: open.size, cancelled: false, deadlineMs: 0, peakSockets: 0 }
  }
}

export function demoSuggestions(): CidrSuggestion[] {
  return [{ cidr: DEMO_SUBNET, interface: 'demo0', address: DEMO_LAPTOP_IP, addresses: 254, note: 'The demo lab’s simulated network.' }]
}

export function demoCoreParts(demo: DemoOptions) {
  return {
    exec: createInProcessTalosctl(demo.labFile),
    probe: createDemoProbe(demo.labFile),
    suggest: demoSuggestions,
    /** "Merge kubeconfig" in the demo writes inside the demo lab, never to the real ~/.kube. */
    kubeconfigTarget: join(demo.labFile, '..', 'home', '.kube', 'config')
  }
}
