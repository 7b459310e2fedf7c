import type { Disk, Machine } from '../model'
import { prettySize } from './specs'

/**
 * `get discoveredvolumes`: what a volume probe finds on each disk. An installed system disk
 * shows Talos' partitions, which is how an app can warn "this disk already holds Talos".
 */

interface Item {
  id: string
  spec: Record<string, unknown>
}

const FS: Record<Disk['content'], string> = {
  empty: '',
  'talos-iso': 'iso9660',
  squashfs: 'squashfs',
  xfs: 'xfs',
  ext4: 'ext4',
  vfat: 'vfat'
}

const TALOS_PARTITIONS: [label: string, fs: string, size: number][] = [
  ['EFI', 'vfat', 104_857_600],
  ['BIOS', '', 1_048_576],
  ['BOOT', 'xfs', 1_048_576_000],
  ['META', 'talosmeta', 1_048_576],
  ['STATE', 'xfs', 104_857_600]
]

function volume(dev: string, type: 'disk' | 'partition', size: number, extra: Record<string, unknown>): Record<string, unknown> {
  return { dev_path: `/dev/${dev}`, type, size, pretty_size: prettySize(size), sector_size: 512, io_size: 512, ...extra }
}

function partitionName(disk: string, n: number): string {
  return /\d$/.test(disk) ? `${disk}p${n}` : `${disk}${n}`
}

export function discoveredVolumes(m: Machine): Item[] {
  const items: Item[] = []
  for (const d of m.hardware.disks) {
    if (d.cdrom && d.size === 0) continue
    const installed = m.systemDisk === d.id
    const fs = installed ? 'gpt' : FS[d.content]
    const label = d.content === 'talos-iso' ? `TALOS_${m.talosVersion.toUpperCase().replace(/\./g, '_')}` : undefined
    items.push({ id: d.id, spec: volume(d.id, 'disk', d.size, { ...(fs ? { name: fs } : {}), ...(label ? { label } : {}) }) })
    if (!installed) continue
    let used = 0
    const parts: [string, string, number][] = [...TALOS_PARTITIONS, ['EPHEMERAL', 'xfs', 0]]
    parts.forEach(([plabel, pfs, size], i) => {
      const psize = size || Math.max(d.size - used - 1_048_576, 0)
      used += psize
      const id = partitionName(d.id, i + 1)
      items.push({
        id,
        spec: volume(id, 'partition', psize, {
          parent: d.id,
          parent_dev_path: `/dev/${d.id}`,
          ...(pfs ? { name: pfs } : {}),
          partition_label: plabel,
          partition_index: i + 1
        })
      })
    })
  }
  return items
}
