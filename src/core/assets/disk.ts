import { formatBytes } from '../../shared/format'
import { promises as fs } from 'node:fs'
import { dirname } from 'node:path'
import type { AssetType } from '../../shared/contract/assets'
import { AppError } from '../../shared/errors'

/** The part of fs.statfs the check needs; tests inject a full or nearly full disk. */
export type StatFs = (path: string) => Promise<{ bavail: number | bigint; bsize: number | bigint }>

export const defaultStatFs: StatFs = (path) => fs.statfs(path)

/** Kept free beyond the download so the manifest, operation logs and the OS still have room. */
export const DISK_RESERVE = 64 * 1024 * 1024

/** Upper-end sizes for when the factory gives no Content-Length (reference: kernel ≈ 25 MB, initramfs ≈ 120 MB, ISO ≈ 350 MB). */
export const ESTIMATED_SIZE: Record<AssetType, number> = {
  kernel: 40 * 1024 * 1024,
  initramfs: 200 * 1024 * 1024,
  iso: 450 * 1024 * 1024,
  cmdline: 4096
}

/** Bytes still to fetch: the full size minus what a .part already holds. */
export function bytesNeeded(items: { size: number | null; type: AssetType; partSize: number }[]): number {
  return items.reduce((sum, i) => sum + Math.max(0, (i.size ?? ESTIMATED_SIZE[i.type]) - i.partSize), 0)
}

/** Pure: how many bytes are missing for the download to fit (0 when it fits). */
export function spaceShortfall(free: number, needed: number, reserve = DISK_RESERVE): number {
  return Math.max(0, needed + reserve - free)
}

export async function ensureFreeSpace(statfs: StatFs, dir: string, needed: number): Promise<void> {
  const s = await statfs(dir)
  const free = Number(s.bavail) * Number(s.bsize)
  const short = spaceShortfall(free, needed)
  if (short > 0) {
    throw new AppError(
      'DISK_FULL',
      `Not enough free disk space in ${dir}: the download needs ${formatBytes(needed)} (plus ${formatBytes(DISK_RESERVE)} to spare) but only ${formatBytes(free)} is free. Free at least ${formatBytes(short)} or choose another data folder.`,
      { dir, needed, free, reserve: DISK_RESERVE }
    )
  }
}

/** The folder itself or the nearest parent that exists: statfs needs a real path. */
export async function existingAncestor(dir: string): Promise<string> {
  let cur = dir
  for (;;) {
    try {
      await fs.access(cur)
      return cur
    } catch {
      const up = dirname(cur)
      if (up === cur) return cur
      cur = up
    }
  }
}
