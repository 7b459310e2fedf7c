import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { HardwareInfo } from '../../../shared/contract/talos'
import { readJsonFile, writeJsonAtomically } from '../fs-safe'

/**
 * The last detection result per machine, kept next to config.yaml (not in it: it is large, and
 * the operator does not edit it). Lets add/update check a chosen disk and interface against what
 * the machine really has, and lets "add by current IP" fill in the MAC.
 */
export function createHardwareCache(root: string) {
  const dir = join(root, 'hardware')
  const fileFor = (mac: string) => join(dir, `${mac.toLowerCase().replaceAll(':', '-')}.json`)

  async function read(file: string): Promise<HardwareInfo | null> {
    try {
      const parsed = HardwareInfo.safeParse(await readJsonFile(file))
      // A damaged cache file is only a lost hint: detection can be run again.
      return parsed.success ? parsed.data : null
    } catch {
      return null
    }
  }

  return {
    async save(hw: HardwareInfo): Promise<void> {
      if (!hw.mac) return
      await writeJsonAtomically(fileFor(hw.mac), hw)
    },
    byMac: (mac: string) => read(fileFor(mac)),
    /** The newest detection that reached the machine at `ip`. */
    async byIp(ip: string): Promise<HardwareInfo | null> {
      let names: string[] = []
      try {
        names = (await fs.readdir(dir)).filter((n) => /^[0-9a-f-]{17}\.json$/.test(n))
      } catch {
        return null
      }
      const found = (await Promise.all(names.map((n) => read(join(dir, n))))).filter((h) => h?.ip === ip)
      return found[0] ?? null
    },
    async remove(mac: string): Promise<void> {
      await fs.rm(fileFor(mac), { force: true })
    }
  }
}
export type HardwareCache = ReturnType<typeof createHardwareCache>
