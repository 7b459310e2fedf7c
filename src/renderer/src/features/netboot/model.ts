import type { BootStage, PxeClientView } from '@shared/contract/pxe'
import type { Tone } from '../../ui'

/** The stages in order, with the words the table shows. */
export const STAGES: readonly { id: BootStage; label: string; hint: string }[] = [
  { id: 'dhcp', label: 'DHCP', hint: 'asked for boot information' },
  { id: 'binary', label: 'iPXE', hint: 'loaded the iPXE boot program' },
  { id: 'script', label: 'Script', hint: 'fetched its boot script' },
  { id: 'kernel', label: 'Kernel', hint: 'downloading the Talos kernel' },
  { id: 'initramfs', label: 'Initramfs', hint: 'downloading the Talos initramfs; maintenance mode next' },
  { id: 'config', label: 'Config', hint: 'fetched its machine config (zero-touch)' }
]

export function stageIndex(stage: BootStage): number {
  return STAGES.findIndex((s) => s.id === stage)
}

export const FIRMWARE_LABEL: Record<PxeClientView['firmware'], string> = {
  bios: 'BIOS PXE',
  uefi: 'UEFI PXE',
  'uefi-http': 'UEFI HTTP boot',
  ipxe: 'iPXE'
}

/** What the row says the machine is doing now. */
export function clientSummary(c: PxeClientView): { word: string; tone: Tone } {
  if (c.script === 'local-disk') return { word: 'installed: sent to its local disk', tone: 'neutral' }
  if (c.maintenance) return { word: 'in maintenance mode', tone: 'ok' }
  if (c.stage === 'initramfs' || c.stage === 'config') return { word: 'booting Talos', tone: 'ok' }
  return { word: 'booting', tone: 'info' }
}
