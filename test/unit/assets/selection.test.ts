import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { VANILLA_SCHEMATIC_ID } from '@core/assets/catalog'
import { chooseSet, readTalosDefaults } from '@core/assets/selection'
import { withTempDir } from '../../helpers/tmp'

describe('choosing the asset set', () => {
  it('takes explicit values first, then the config, then plain Talos on amd64', () => {
    expect(chooseSet({}, { version: 'v1.11.5' })).toEqual({ version: 'v1.11.5', schematicId: VANILLA_SCHEMATIC_ID, arch: 'amd64' })
    const id = 'b'.repeat(64)
    expect(chooseSet({ version: 'v1.10.0', arch: 'arm64' }, { version: 'v1.11.5', schematicId: id })).toEqual({
      version: 'v1.10.0',
      schematicId: id,
      arch: 'arm64'
    })
  })

  it('asks for a version when neither the caller nor the config gives one', () => {
    expect(() => chooseSet({}, {})).toThrow(/No Talos version given/)
  })

  it('reads cluster.nodes.talos from config.yaml, treating an empty schematic as unset', async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, 'instances', 'lab', 'config.yaml')
      await fs.mkdir(join(dir, 'instances', 'lab'), { recursive: true })
      const yaml = '# hand-edited\ncluster:\n  name: x\n  nodes:\n    talos:\n      version: v1.11.5\n      schematicId: ""\n    active: {}\n'
      await fs.writeFile(file, yaml)
      expect(await readTalosDefaults(dir, 'lab')).toEqual({ version: 'v1.11.5', schematicId: undefined })
      await fs.writeFile(file, yaml.replace('schematicId: ""', `schematicId: "${'c'.repeat(64)}"`))
      expect(await readTalosDefaults(dir, 'lab')).toEqual({ version: 'v1.11.5', schematicId: 'c'.repeat(64) })
      await fs.writeFile(file, 'cluster:\n  name: x\n')
      expect(await readTalosDefaults(dir, 'lab')).toEqual({ version: undefined, schematicId: undefined })
    })
  })

  it('reports an invalid config.yaml as CONFIG_INVALID with the key and line, never as "not set"', async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, 'instances', 'lab', 'config.yaml')
      await fs.mkdir(join(dir, 'instances', 'lab'), { recursive: true })
      await fs.writeFile(file, 'cluster:\n  nodes: [\n')
      await expect(readTalosDefaults(dir, 'lab')).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringMatching(/line \d/) })
      await fs.writeFile(file, 'cluster:\n  nodes:\n    talos:\n      schematicId: nope\n')
      await expect(readTalosDefaults(dir, 'lab')).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
        message: expect.stringMatching(/cluster\.nodes\.talos\.schematicId \(line 4\)/)
      })
    })
  })
})
