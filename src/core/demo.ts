import { join } from 'node:path'
import type { BootEvent } from '../shared/contract/pxe'
import type { CidrSuggestion } from '../shared/contract/discovery'
import type { ProbeOptions, ProbeSummary } from './discovery/probe'
import type { InProcessTalosctl } from './talos/runner'

/** The demo's instance name: badged everywhere, made current when nothing else is. */
export const DEMO_INSTANCE = 'demo'

/** A simulated boot in progress; closing stops the boots that have not finished. */
export interface DemoNetbootRun {
  close(): void
}

/**
 * The simulated lab as the core sees it. The core never imports the lab (src/lab: the fake
 * talosctl, its PKI, the machine presets): the app and the CLI load it lazily, only in demo mode,
 * and hand this object to createCore — so a normal run never loads or ships the simulator's code
 * into its start-up path.
 */
export interface DemoLab {
  /** The lab's state file. */
  labFile: string
  /** The simulated network and the laptop's address on it. */
  subnet: string
  laptopIp: string
  /** The simulated talosctl as a function call (a packaged app has no Node binary to run it). */
  exec: InProcessTalosctl
  /** Which of `hosts` would answer on the Talos API port now (no socket involved). */
  answeringHosts(hosts: Iterable<string>): Promise<Set<string>>
  /** Simulated network boots of the lab's netboot machines; `onEvent` gets each stage. */
  startNetboot(onEvent: (e: BootEvent) => void): Promise<DemoNetbootRun>
}

/**
 * A probe that asks the demo lab which addresses answer instead of opening sockets: the demo
 * never sends a packet, and works where 127.0.10.x is not routable (macOS, Windows).
 */
export function createDemoProbe(lab: Pick<DemoLab, 'answeringHosts'>) {
  return async function demoProbe(o: ProbeOptions): Promise<ProbeSummary> {
    const hosts = [...o.hosts]
    const open = await lab.answeringHosts(hosts)
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

export function demoSuggestions(lab: Pick<DemoLab, 'subnet' | 'laptopIp'>): CidrSuggestion[] {
  return [{ cidr: lab.subnet, interface: 'demo0', address: lab.laptopIp, addresses: 254, note: 'The demo lab’s simulated network.' }]
}

export function demoCoreParts(lab: DemoLab) {
  return {
    exec: lab.exec,
    probe: createDemoProbe(lab),
    suggest: () => demoSuggestions(lab),
    /** "Merge kubeconfig" in the demo writes inside the demo lab, never to the real ~/.kube. */
    kubeconfigTarget: join(lab.labFile, '..', 'home', '.kube', 'config')
  }
}
