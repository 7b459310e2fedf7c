import type { DemoLab } from '../core/demo'
import { answeringDemoHosts, createInProcessTalosctl, DEMO_LAPTOP_IP, DEMO_SUBNET } from './demo'
import { startDemoNetboot } from './netboot'

export { demoLabFile, ensureDemoLab, startDemoFactory } from './demo'

/**
 * The lab's one door for the app and the CLI: they import this module dynamically, only in demo
 * mode, and hand the result to createCore. Nothing outside demo mode loads the simulator.
 */
export function createDemoLab(o: {
  labFile: string
  /** Time between simulated boot stages (tests use short ones). */
  stageMs?: number
  machines?: Parameters<typeof startDemoNetboot>[0]['machines']
}): DemoLab {
  return {
    labFile: o.labFile,
    subnet: DEMO_SUBNET,
    laptopIp: DEMO_LAPTOP_IP,
    exec: createInProcessTalosctl(o.labFile),
    answeringHosts: (hosts) => answeringDemoHosts(o.labFile, hosts),
    startNetboot: (onEvent) => startDemoNetboot({ labFile: o.labFile, stageMs: o.stageMs, machines: o.machines, onEvent })
  }
}
