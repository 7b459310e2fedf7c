import fs from 'node:fs'
import { utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHardwareCache } from '@core/nodes/hardware-cache'
import type { HardwareInfo } from '@shared/contract/talos'
import { withTempDir } from '../../helpers/tmp'
import { HW, disk, iface } from './hardware-fixture'

const IP = '10.5.0.101'
// The stale machine's MAC sorts first, so name order and "first found" both favour it.
const OLD: HardwareInfo = {
  ...HW,
  ip: IP,
  mac: '00:00:5e:00:53:0a',
  interface: 'eno1',
  interfaces: [iface('eno1', '00:00:5e:00:53:0a')],
  selectedDisk: '/dev/sda',
  disks: [disk('/dev/sda', true)]
}
const NEW: HardwareInfo = {
  ...HW,
  ip: IP,
  mac: 'aa:bb:cc:00:00:01',
  interface: 'enp1s0',
  selectedDisk: '/dev/nvme0n1'
}
const fileOf = (dir: string, mac: string) => join(dir, 'hardware', `${mac.replaceAll(':', '-')}.json`)

/** Pins the order readdir lists the cache folder in, which the file system otherwise decides. */
function listInOrder(macs: string[]): void {
  const names = macs.map((m) => `${m.replaceAll(':', '-')}.json`)
  vi.spyOn(fs.promises, 'readdir').mockResolvedValue(names as never)
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('hardware cache', () => {
  it.each([
    ['the stale one listed first', [OLD.mac!, NEW.mac!]],
    ['the stale one listed last', [NEW.mac!, OLD.mac!]]
  ])('by IP, returns the newest detection at that address with %s', async (_name, order) => {
    await withTempDir(async (dir) => {
      let now = Date.parse('2025-03-01T09:00:00Z')
      const cache = createHardwareCache(dir, { now: () => new Date(now) })
      await cache.save(OLD)
      now += 60 * 60_000 // an hour later, another machine got the same DHCP lease
      await cache.save(NEW)
      // A restore or copy touches the stale file last: mtimes must not decide.
      const later = new Date(now + 24 * 60 * 60_000)
      await utimes(fileOf(dir, OLD.mac!), later, later)
      listInOrder(order)

      const found = await cache.byIp(IP)
      expect(found).toMatchObject({ mac: NEW.mac, interface: 'enp1s0', selectedDisk: '/dev/nvme0n1' })
      // Lookups by MAC still answer for each machine, and without the cache's own bookkeeping.
      expect(await cache.byMac(OLD.mac!)).toEqual(OLD)
      expect(found).toEqual(NEW)
    })
  })

  it('still reads a detection saved before detections were timestamped', async () => {
    await withTempDir(async (dir) => {
      const cache = createHardwareCache(dir, { now: () => new Date('2025-03-01T09:00:00Z') })
      await cache.save(NEW)
      await fs.promises.writeFile(fileOf(dir, OLD.mac!), JSON.stringify(OLD))
      // The untimestamped (older format) file counts as older than any timestamped detection.
      const later = new Date('2030-01-01T00:00:00Z')
      await utimes(fileOf(dir, OLD.mac!), later, later)
      listInOrder([OLD.mac!, NEW.mac!])
      expect(await cache.byIp(IP)).toEqual(NEW)
      expect(await cache.byMac(OLD.mac!)).toEqual(OLD)
    })
  })
})
