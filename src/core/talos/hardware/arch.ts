import type { Arch } from '@shared/contract/assets'
import type { ArchSource, BoardHint } from '@shared/contract/boards'
import type { Cpu, SystemInformation } from '../resources'
import { archFromCpu, recogniseBoard } from './boards'

/** What can tell a machine's architecture, strongest first. */
export interface ArchEvidence {
  /** The Version API's OS/Arch ("linux/arm64"): configured machines, or maintenance over SideroLink. */
  versionOsArch: string | null
  /** The DHCP client architecture (option 93) our network boot server saw for one of its MACs. */
  bootArch: string | null
  system: SystemInformation | null
  cpus: Cpu[]
}

export interface ArchDecision {
  arch: Arch | null
  archSource: ArchSource | null
  archReason: string
  board: BoardHint | null
}

function known(a: string | null | undefined): Arch | null {
  return a === 'amd64' || a === 'arm64' ? a : null
}

/**
 * Pure: the architecture and where it comes from. Talos in maintenance mode refuses the Version
 * API to LAN clients (reference §4), so for a fresh machine the network boot's DHCP record, a
 * recognised board, or the CPU's name decide; when none does, the operator is asked.
 */
export function decideArch(e: ArchEvidence): ArchDecision {
  const board = recogniseBoard(e.system, e.cpus)
  const fromVersion = known(e.versionOsArch?.split('/')[1])
  if (fromVersion) return { arch: fromVersion, archSource: 'talos', archReason: `Talos reports OS/Arch ${e.versionOsArch}.`, board }
  const fromBoot = known(e.bootArch)
  if (fromBoot) {
    return {
      arch: fromBoot,
      archSource: 'network-boot',
      archReason: `It booted from this computer's network boot server as an ${fromBoot} client (DHCP client architecture).`,
      board
    }
  }
  if (board) {
    return { arch: board.arch, archSource: 'board', archReason: `It identifies as a ${board.name} (${board.evidence}), an ${board.arch} board.`, board }
  }
  const cpu = archFromCpu(e.cpus)
  if (cpu) return { arch: cpu.arch, archSource: 'cpu', archReason: `Its CPU, ${cpu.name}, is ${cpu.arch}.`, board: null }
  return {
    arch: null,
    archSource: null,
    archReason:
      "Nothing the machine reports in maintenance mode tells its architecture, and it did not boot from this computer's network boot server. Choose amd64 or arm64.",
    board: null
  }
}
