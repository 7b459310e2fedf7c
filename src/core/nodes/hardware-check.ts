import type { HardwareInfo } from '../../shared/contract/talos'

/**
 * Checks of an operator's disk and interface choice against what detection found on that
 * machine. Only applied when the machine's hardware was detected; a node typed in by hand
 * without detection is trusted (setup detects it later and refuses a missing disk then).
 */

export interface HardwareChoice {
  disk: string | null
  interface: string | null
}

export function diskProblem(disk: string, hw: HardwareInfo): string | null {
  if (hw.disks.length === 0) return null
  const found = hw.disks.find((d) => d.path === disk)
  const candidates = hw.disks.filter((d) => d.candidate).map((d) => d.path)
  const list = candidates.length ? candidates.join(', ') : 'none'
  if (!found) return `Disk ${disk} was not found on that machine. Install candidates: ${list}.`
  if (!found.candidate) {
    return `Disk ${disk} is not an install candidate${found.reason ? ` (${found.reason})` : ''}. Install candidates: ${list}.`
  }
  return null
}

export function interfaceProblem(name: string, hw: HardwareInfo): string | null {
  if (hw.interfaces.length === 0) return null
  if (hw.interfaces.some((i) => i.name === name)) return null
  return `Interface ${name} was not found on that machine. Detected: ${hw.interfaces.map((i) => i.name).join(', ')}.`
}

export function hardwareProblems(choice: HardwareChoice, hw: HardwareInfo | null): string[] {
  if (!hw) return []
  const out: string[] = []
  if (choice.disk) {
    const p = diskProblem(choice.disk, hw)
    if (p) out.push(p)
  }
  if (choice.interface) {
    const p = interfaceProblem(choice.interface, hw)
    if (p) out.push(p)
  }
  return out
}

/** The MAC of the chosen interface, else the one detection picked. */
export function macFor(interfaceName: string | null, hw: HardwareInfo): string | null {
  const iface = interfaceName ? hw.interfaces.find((i) => i.name === interfaceName) : null
  const mac = iface?.permanentMac || iface?.mac || hw.mac
  return mac ? mac.toLowerCase() : null
}

/** Fills what the operator left out from the detection's suggestions. */
export function fillFromHardware(choice: HardwareChoice & { mac: string | null }, hw: HardwareInfo | null): HardwareChoice & { mac: string | null } {
  if (!hw) return choice
  const iface = choice.interface ?? hw.interface
  return {
    interface: iface,
    disk: choice.disk ?? hw.selectedDisk,
    mac: choice.mac ?? macFor(iface, hw)
  }
}
