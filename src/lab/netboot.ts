import type { BootEvent, BootStage } from '../shared/contract/pxe'
import { preset, type PresetName } from './machines'
import { Machine, type MachineInput } from './model'
import { updateLab } from './state'

/**
 * Network boot in the demo lab: machines that are not in the lab yet power on with "network
 * first" and walk through dhcp → binary → script → kernel → initramfs on a timer, then join the
 * lab in maintenance mode, where discovery finds them. No socket is opened: the demo sends no
 * packet, so it also works without privileges and on machines where 127.0.10.x is not routable.
 */

interface NetbootMachine {
  preset: PresetName
  firmware: BootEvent['firmware']
  /** When it powers on, after the server starts. */
  delayMs: number
}

/** Three firmware kinds, staggered so the live table shows several stages at once. */
export const DEMO_NETBOOT_MACHINES: readonly NetbootMachine[] = [
  { preset: 'iso-cd-machine', firmware: 'bios', delayMs: 600 },
  { preset: 'readonly-disk', firmware: 'uefi', delayMs: 2500 },
  { preset: 'bonded-nics', firmware: 'uefi-http', delayMs: 4500 }
]

const STAGES: readonly BootStage[] = ['dhcp', 'binary', 'script', 'kernel', 'initramfs']

/** The NIC it boots from: the first cabled physical port. */
export function bootMac(m: MachineInput): string {
  const links = m.network?.links ?? []
  const nic = links.find(
    (l) => (l.type ?? 'ether') === 'ether' && !l.kind && l.hardwareAddr && l.operationalState !== 'down' && l.hardwareAddr !== '00:00:00:00:00:00'
  )
  return nic?.hardwareAddr ?? '00:00:00:00:00:00'
}

export interface DemoNetboot {
  close(): void
}

/**
 * Starts the simulated boots of every netboot machine not already in the lab. `stageMs` is the
 * time between stages; the machine joins the lab (maintenance, answering on its address) right
 * after its initramfs stage.
 */
export async function startDemoNetboot(o: {
  labFile: string
  onEvent: (e: BootEvent) => void
  stageMs?: number
  machines?: readonly NetbootMachine[]
}): Promise<DemoNetboot> {
  const stageMs = o.stageMs ?? 1400
  const present = await updateLab(o.labFile, (lab) => new Set(lab.machines.map((m) => m.id)))
  const timers = new Set<NodeJS.Timeout>()
  let closed = false
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t)
      if (!closed) fn()
    }, ms)
    timers.add(t)
  }
  for (const nb of o.machines ?? DEMO_NETBOOT_MACHINES) {
    const machine = preset(nb.preset)
    if (present.has(machine.id)) continue
    const base = { event: 'boot' as const, mac: bootMac(machine), ip: machine.ip, arch: 'amd64' as const, firmware: nb.firmware }
    STAGES.forEach((stage, i) => later(nb.delayMs + i * stageMs, () => o.onEvent({ ...base, stage })))
    later(nb.delayMs + STAGES.length * stageMs, () => {
      void updateLab(o.labFile, (lab) => {
        if (!lab.machines.some((m) => m.id === machine.id)) lab.machines.push(Machine.parse(machine))
      }).catch(() => {})
    })
  }
  return {
    close() {
      closed = true
      for (const t of timers) clearTimeout(t)
      timers.clear()
    }
  }
}
