import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import type { PxeClient } from './client'

/**
 * The iPXE builds the server hands out, as shipped in resources/ipxe (copied from Debian's
 * `ipxe` package by scripts/refresh-ipxe.sh). Names are the TFTP/HTTP names clients ask for;
 * nothing outside this list is ever served.
 */
export const IPXE_BINARIES = {
  'undionly.kpxe': 'BIOS PXE (chainloads through the NIC’s own PXE stack)',
  'ipxe.efi': 'UEFI x86-64',
  'snponly.efi': 'UEFI x86-64 (the firmware’s network driver)',
  'ipxe-arm64.efi': 'UEFI arm64'
} as const
export type IpxeBinary = keyof typeof IPXE_BINARIES

export function isIpxeBinary(name: string): name is IpxeBinary {
  return Object.hasOwn(IPXE_BINARIES, name)
}

/** The binary a firmware that is not yet iPXE needs; null when none exists for its arch. */
export function binaryFor(client: Pick<PxeClient, 'archCode'>): IpxeBinary | null {
  switch (client.archCode) {
    case 0:
      return 'undionly.kpxe'
    case 7:
    case 9:
    case 16:
      // snponly.efi drives the NIC through the firmware's own driver, which works on every UEFI
      // machine with a network stack; ipxe.efi is served too, for an operator's own menus.
      return 'snponly.efi'
    case 11:
    case 19:
      return 'ipxe-arm64.efi'
    default:
      return null
  }
}

export interface BinaryCatalog {
  dir: string
  present: Set<IpxeBinary>
  missing: IpxeBinary[]
}

export async function readBinaryCatalog(dir: string): Promise<BinaryCatalog> {
  const present = new Set<IpxeBinary>()
  const missing: IpxeBinary[] = []
  for (const name of Object.keys(IPXE_BINARIES) as IpxeBinary[]) {
    try {
      const st = await fs.stat(join(dir, name))
      if (st.isFile() && st.size > 0) present.add(name)
      else missing.push(name)
    } catch {
      missing.push(name)
    }
  }
  return { dir, present, missing }
}
