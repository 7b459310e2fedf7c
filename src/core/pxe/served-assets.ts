import { promises as fs } from 'node:fs'
import type { Arch, AssetType } from '../../shared/contract/assets'
import { AppError } from '../../shared/errors'
import { assetPath, type AssetSet } from '../assets/catalog'
import { describeSet } from '../assets/inventory'

const NEEDED: AssetType[] = ['kernel', 'initramfs', 'cmdline']

export interface ServedSet extends AssetSet {
  kernel: string
  initramfs: string
  cmdline: string
}

/**
 * The sets the server will boot, one per arch, checked before any port opens: every file
 * downloaded with its recorded size and not found corrupt. An arch with none of its files is
 * simply not served; one with some but not all, or none at all, refuses the start by name.
 */
export async function loadServedSets(pxeDir: string, choice: { version: string; schematicId: string }): Promise<Map<Arch, ServedSet>> {
  const ready = new Map<Arch, ServedSet>()
  const problems: string[] = []
  for (const arch of ['amd64', 'arm64'] as const) {
    const set: AssetSet = { ...choice, arch }
    const rows = await describeSet(pxeDir, set, () => '', NEEDED)
    const bad = rows.filter((r) => r.state !== 'downloaded')
    if (bad.length === rows.length && arch !== 'amd64') continue
    if (bad.length) {
      problems.push(`${arch}: ${bad.map((r) => `${r.type} (${r.state === 'unknown' ? 'not verified: no download record' : r.state})`).join(', ')}`)
      continue
    }
    const cmdline = await fs.readFile(assetPath(pxeDir, set, 'cmdline'), 'utf8')
    ready.set(arch, { ...set, kernel: assetPath(pxeDir, set, 'kernel'), initramfs: assetPath(pxeDir, set, 'initramfs'), cmdline })
  }
  // amd64 missing entirely is fine when arm64 is complete: an all-arm64 cluster.
  const amd64Absent = problems.length === 1 && problems[0]!.startsWith('amd64') && ready.size > 0 && (await allMissing(pxeDir, choice))
  if (problems.length && !amd64Absent) {
    throw new AppError(
      'NOT_FOUND',
      `Boot assets for Talos ${choice.version} are not ready: ${problems.join('; ')}. ` +
        `Download them first: wild assets download --version ${choice.version} --schematic ${choice.schematicId}` +
        ' (add --arch arm64 for arm64 machines).',
      { problems }
    )
  }
  return ready
}

async function allMissing(pxeDir: string, choice: { version: string; schematicId: string }): Promise<boolean> {
  const rows = await describeSet(pxeDir, { ...choice, arch: 'amd64' }, () => '', NEEDED)
  return rows.every((r) => r.state === 'missing')
}
