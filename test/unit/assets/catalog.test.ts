import { describe, expect, it } from 'vitest'
import { assetPath, assetUrl, downloadTarget, factoryPath, localFileName, parseSetFolder, setFolderName, VANILLA_SCHEMATIC_ID } from '@core/assets/catalog'
import { schematicBody } from '@core/assets/factory-client'

const set = { schematicId: VANILLA_SCHEMATIC_ID, version: 'v1.11.5', arch: 'amd64' as const }

describe('asset catalog', () => {
  it.each([
    ['kernel', 'amd64', 'kernel-amd64', 'kernel'],
    ['initramfs', 'amd64', 'initramfs-amd64.xz', 'initramfs.xz'],
    ['iso', 'arm64', 'metal-arm64.iso', 'talos.iso'],
    ['cmdline', 'arm64', 'cmdline-metal-arm64', 'cmdline']
  ] as const)('maps %s/%s to the factory name %s and the seed name %s', (type, arch, remote, local) => {
    expect(factoryPath(type, arch)).toBe(remote)
    expect(localFileName(type)).toBe(local)
  })

  it('builds the factory image URL exactly as /image/<id>/<version>/<file>, tolerating a trailing slash', () => {
    expect(assetUrl('https://factory.talos.dev/', set, 'initramfs')).toBe(`https://factory.talos.dev/image/${VANILLA_SCHEMATIC_ID}/v1.11.5/initramfs-amd64.xz`)
  })

  it('keeps each set in pxe/<schematic>@<version>/<arch>/ and parses the folder name back', () => {
    expect(setFolderName(set)).toBe(`${VANILLA_SCHEMATIC_ID}@v1.11.5/amd64`)
    expect(assetPath('/data/pxe', set, 'iso')).toBe(`/data/pxe/${VANILLA_SCHEMATIC_ID}@v1.11.5/amd64/talos.iso`)
    expect(parseSetFolder(`${VANILLA_SCHEMATIC_ID}@v1.11.5`)).toEqual({ schematicId: VANILLA_SCHEMATIC_ID, version: 'v1.11.5' })
    expect(parseSetFolder('kernel')).toBeNull()
    expect(parseSetFolder(`${VANILLA_SCHEMATIC_ID}@latest`)).toBeNull()
  })

  it('names an operation target the way the operator reads it', () => {
    expect(downloadTarget(set, ['iso'])).toBe('talos.iso v1.11.5 amd64')
  })

  it('writes the schematic body sorted and without duplicates; none gives the vanilla customization', () => {
    expect(schematicBody(['b/x', 'a/y', 'b/x'])).toBe('customization:\n  systemExtensions:\n    officialExtensions:\n      - a/y\n      - b/x\n')
    expect(schematicBody([])).toBe('customization: {}\n')
  })
})
