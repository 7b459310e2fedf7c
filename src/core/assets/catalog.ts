import { join } from 'node:path'
import type { Arch, AssetType } from '../../shared/contract/assets'

/** The schematic the factory gives an empty customization: plain Talos, no extensions. */
export const VANILLA_SCHEMATIC_ID = '376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba'

export interface AssetSet {
  schematicId: string
  version: string
  arch: Arch
}

/** The factory's file name under /image/<id>/<version>/ for each asset type. */
export function factoryPath(type: AssetType, arch: Arch): string {
  switch (type) {
    case 'kernel':
      return `kernel-${arch}`
    case 'initramfs':
      return `initramfs-${arch}.xz`
    case 'iso':
      return `metal-${arch}.iso`
    case 'cmdline':
      return `cmdline-metal-${arch}`
  }
}

/** The seed's file names (kernel, initramfs.xz, talos.iso), so its tooling finds them. */
export function localFileName(type: AssetType): string {
  switch (type) {
    case 'kernel':
      return 'kernel'
    case 'initramfs':
      return 'initramfs.xz'
    case 'iso':
      return 'talos.iso'
    case 'cmdline':
      return 'cmdline'
  }
}

export function assetUrl(factoryUrl: string, set: AssetSet, type: AssetType): string {
  const base = factoryUrl.replace(/\/+$/, '')
  return `${base}/image/${set.schematicId}/${set.version}/${factoryPath(type, set.arch)}`
}

/**
 * Each set lives in pxe/<schematic>@<version>/<arch>/ with the seed's names inside, rather than
 * the seed's flat pxe/kernel: an upgrade downloads the next version beside the one the nodes
 * boot today (never overwriting a working set half-way), amd64 and arm64 machines can share a
 * cluster, and the factory's assets are immutable per <id>/<version>/<path>, so the folder is a
 * cache key. The relative folder is also the URL path an HTTP server over pxe/ serves.
 */
export function setFolderName(set: AssetSet): string {
  return `${set.schematicId}@${set.version}/${set.arch}`
}

export function setDir(pxeDir: string, set: AssetSet): string {
  return join(pxeDir, set.schematicId + '@' + set.version, set.arch)
}

export function assetPath(pxeDir: string, set: AssetSet, type: AssetType): string {
  return join(setDir(pxeDir, set), localFileName(type))
}

export function partPath(finalPath: string): string {
  return finalPath + '.part'
}

export function manifestPath(pxeDir: string, set: AssetSet): string {
  return join(setDir(pxeDir, set), 'manifest.json')
}

/** Parses "<schematic>@<version>" back; null for folders that are not ours. */
export function parseSetFolder(name: string): { schematicId: string; version: string } | null {
  const m = /^([0-9a-f]{64})@(v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(name)
  return m ? { schematicId: m[1]!, version: m[2]! } : null
}

/** An operation target the operator recognises: "talos.iso v1.11.5 amd64". */
export function downloadTarget(set: AssetSet, types: AssetType[]): string {
  const names = types.map(localFileName).join(', ')
  return `${names} ${set.version} ${set.arch}`
}
