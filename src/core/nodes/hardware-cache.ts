import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { HardwareInfo } from '../../shared/contract/talos'
import { readJsonFile, writeJsonAtomically } from '../fs-safe'

/**
 * A cache file: the detection plus when it was made. Files from before the stamp existed parse
 * too (detectedAt missing), and count as older than any stamped one.
 */
const CachedHardware = HardwareInfo.extend({ detectedAt: z.iso.datetime().optional() })

interface Cached {
  hw: HardwareInfo
  /** Milliseconds; -Infinity when unknown. */
  detectedAt: number
  mtimeMs: number
}

export interface HardwareCacheOptions {
  /** The clock that stamps a saved detection (tests pin it). */
  now?: () => Date
}

/**
 * The last detection result per machine, kept next to config.yaml (not in it: it is large, and
 * the operator does not edit it). Lets add/update check a chosen disk and interface against what
 * the machine really has, and lets "add by current IP" fill in the MAC.
 */
export function createHardwareCache(root: string, opts: HardwareCacheOptions = {}) {
  const dir = join(root, 'hardware')
  const now = opts.now ?? (() => new Date())
  const fileFor = (mac: string) => join(dir, `${mac.toLowerCase().replaceAll(':', '-')}.json`)

  async function read(file: string): Promise<Cached | null> {
    try {
      const parsed = CachedHardware.safeParse(await readJsonFile(file))
      // A damaged cache file is only a lost hint: detection can be run again.
      if (!parsed.success) return null
      const { detectedAt, ...hw } = parsed.data
      const { mtimeMs } = await fs.stat(file)
      return { hw, detectedAt: detectedAt ? Date.parse(detectedAt) : -Infinity, mtimeMs }
    } catch {
      return null
    }
  }

  return {
    async save(hw: HardwareInfo): Promise<void> {
      if (!hw.mac) return
      await writeJsonAtomically(fileFor(hw.mac), { ...hw, detectedAt: now().toISOString() })
    },
    byMac: async (mac: string) => (await read(fileFor(mac)))?.hw ?? null,
    /**
     * The newest detection that reached the machine at `ip`. DHCP hands an address to another
     * machine over time, so several files can name it; only the latest one is that machine now.
     * The stamp decides, not mtime (a copy or restore touches files) nor directory order.
     */
    async byIp(ip: string): Promise<HardwareInfo | null> {
      let names: string[]
      try {
        names = (await fs.readdir(dir)).filter((n) => /^[0-9a-f-]{17}\.json$/.test(n))
      } catch {
        return null
      }
      const found = (await Promise.all(names.map((n) => read(join(dir, n))))).filter((c): c is Cached => c !== null && c.hw.ip === ip)
      found.sort((a, b) => b.detectedAt - a.detectedAt || b.mtimeMs - a.mtimeMs)
      return found[0]?.hw ?? null
    },
    async remove(mac: string): Promise<void> {
      await fs.rm(fileFor(mac), { force: true })
    }
  }
}
export type HardwareCache = ReturnType<typeof createHardwareCache>
