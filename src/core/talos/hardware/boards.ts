import type { Arch } from '@shared/contract/assets'
import type { BoardHint, OverlayRef } from '@shared/contract/boards'
import type { Cpu, SystemInformation } from '../resources'

/**
 * Single-board computers the Image Factory has an overlay for (Talos docs, "Single Board
 * Computers"), recognised from what the board reports: its SMBIOS vendor and product (boards
 * booting EDK2/UEFI firmware), else its CPU. The overlay is only a suggestion: the operator picks
 * from the factory's list for the chosen version.
 */
interface KnownBoard {
  name: string
  match: RegExp
  overlay: OverlayRef
}

const RPI = 'siderolabs/sbc-raspberrypi'
const ROCKCHIP = 'siderolabs/sbc-rockchip'
const JETSON = 'siderolabs/sbc-jetson'

const BOARDS: KnownBoard[] = [
  { name: 'Radxa ROCK 5B', match: /\bradxa\b.*\brock ?5 ?b\b/i, overlay: { image: ROCKCHIP, name: 'rock5b' } },
  { name: 'Radxa ROCK 4C+', match: /\bradxa\b.*\brock ?4 ?c(\+|plus)/i, overlay: { image: ROCKCHIP, name: 'rock4cplus' } },
  { name: 'Pine64 Rock64', match: /\bpine64\b.*\brock64\b/i, overlay: { image: ROCKCHIP, name: 'rock64' } },
  { name: 'Turing RK1', match: /\bturing\b.*\brk1\b/i, overlay: { image: ROCKCHIP, name: 'turingrk1' } },
  { name: 'Raspberry Pi 5', match: /raspberry pi 5\b/i, overlay: { image: RPI, name: 'rpi_5' } },
  { name: 'Raspberry Pi 4 / CM4 / 400', match: /raspberry pi (4|compute module 4|400)\b/i, overlay: { image: RPI, name: 'rpi_generic' } },
  { name: 'NVIDIA Jetson Nano', match: /\bjetson[ -_]?nano\b/i, overlay: { image: JETSON, name: 'jetson_nano' } }
]

const clean = (s: string | undefined) => s?.trim() ?? ''

/** The board this machine is, when its identity names one the factory has an overlay for. */
export function recogniseBoard(system: SystemInformation | null, cpus: Cpu[]): BoardHint | null {
  const smbios = [clean(system?.spec.manufacturer), clean(system?.spec.productName)].filter(Boolean).join(' ')
  const cpu = cpus.map((c) => [clean(c.spec.manufacturer), clean(c.spec.productName)].filter(Boolean).join(' ')).find(Boolean) ?? ''
  for (const [identity, label] of [
    [smbios, 'SMBIOS'],
    [cpu, 'CPU']
  ] as const) {
    if (!identity) continue
    const b = BOARDS.find((k) => k.match.test(identity))
    if (b) return { name: b.name, arch: 'arm64', overlay: b.overlay, evidence: `${label} "${identity}"` }
  }
  return null
}

/** Arm SoCs and server CPUs by name; x86 vendors and QEMU's x86 machine types. */
const ARM_CPU = /\b(RK3[0-9]{3}|BCM27[0-9]{2}|Cortex-A[0-9]+|Neoverse|Ampere|Altra|Graviton|Tegra|Allwinner|Amlogic|Rockchip|Broadcom)\b/i
const X86_CPU = /\b(Intel|AMD|Advanced Micro Devices|Ryzen|EPYC|Xeon|Pentium|Celeron|pc-(i440fx|q35))/i

/** The architecture a CPU's name implies, with that name; null when it says nothing. */
export function archFromCpu(cpus: Cpu[]): { arch: Arch; name: string } | null {
  for (const c of cpus) {
    const name = [clean(c.spec.manufacturer), clean(c.spec.productName)].filter(Boolean).join(' ')
    if (ARM_CPU.test(name)) return { arch: 'arm64', name }
    if (X86_CPU.test(name)) return { arch: 'amd64', name }
  }
  return null
}
