import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { VANILLA_SCHEMATIC_ID } from '@core/assets/catalog'

export const VERSION = 'v1.11.5'
export const SCHEMATIC = VANILLA_SCHEMATIC_ID

/**
 * An instance whose pxe/ folder holds a downloaded set as the asset service leaves it: the files
 * under their local names and a manifest recording each one's size and SHA-256.
 */
export async function prepareInstance(
  dataDir: string,
  instance: string,
  files: { kernel: Buffer | string; initramfs: Buffer | string; cmdline: string },
  arch: 'amd64' | 'arm64' = 'amd64'
): Promise<string> {
  const root = join(dataDir, 'instances', instance)
  const set = join(root, 'pxe', `${SCHEMATIC}@${VERSION}`, arch)
  await mkdir(set, { recursive: true })
  await writeFile(join(root, 'config.yaml'), `cluster:\n  nodes:\n    talos:\n      version: ${VERSION}\n`)
  await writeFile(join(dataDir, 'current-context'), instance)
  const assets: Record<string, unknown> = {}
  for (const [type, name, data] of [
    ['kernel', 'kernel', files.kernel],
    ['initramfs', 'initramfs.xz', files.initramfs],
    ['cmdline', 'cmdline', files.cmdline]
  ] as const) {
    const buf = Buffer.isBuffer(data) ? data : Buffer.from(data)
    await writeFile(join(set, name), buf)
    assets[type] = {
      url: `https://factory.talos.dev/image/${SCHEMATIC}/${VERSION}/${name}`,
      size: buf.length,
      sha256: createHash('sha256').update(buf).digest('hex'),
      downloadedAt: new Date().toISOString(),
      verifiedAt: null,
      corrupt: false
    }
  }
  await writeFile(join(set, 'manifest.json'), JSON.stringify({ schemaVersion: 1, schematicId: SCHEMATIC, version: VERSION, arch, assets }))
  return set
}
