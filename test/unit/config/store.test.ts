import { readFile, stat, writeFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { initialConfigYaml } from '@core/instances/template'
import { nodesFrom } from '@core/nodes/model'
import { AppError } from '@shared/errors'
import { withTempDir } from '../../helpers/tmp'
import { COMMENTED, makeInstance } from './helpers'

async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  } catch (e) {
    return e as AppError
  }
  throw new Error('expected a rejection')
}

describe('config store', () => {
  it('reads the template of a new instance as a valid config', async () => {
    await withTempDir(async (dir) => {
      const { store } = await makeInstance(dir)
      const { config } = await store.read('lab')
      expect(config.cluster?.name).toBe('lab')
      expect(config.cluster?.nodes?.control?.vip).toBeNull()
    })
  })

  it('rewrites the template byte for byte when an edit changes nothing', async () => {
    await withTempDir(async (dir) => {
      const { store, file } = await makeInstance(dir)
      const before = await stat(file)
      await store.update('lab', (e) => e.set(['cluster', 'name'], 'lab'))
      expect(await readFile(file, 'utf8')).toBe(initialConfigYaml('lab'))
      expect((await stat(file)).mtimeMs).toBe(before.mtimeMs)
    })
  })

  it('opens a Go-era folder with string booleans and keeps its unknown keys', async () => {
    await withTempDir(async (dir) => {
      const { store } = await makeInstance(dir, 'lab', COMMENTED)
      const { config } = await store.read('lab')
      expect(config.cluster?.allowSchedulingOnControlPlanes).toBe(false)
      const [n] = nodesFrom(config)
      expect(n).toMatchObject({ hostname: 'keep-1', configured: true, deployed: true, state: 'ready' })
      expect((config.cloud as Record<string, unknown>).domain).toBe('example.org')
    })
  })

  it('refuses a config.yaml with a bad value, naming the key path and its line, and leaves it untouched', async () => {
    await withTempDir(async (dir) => {
      const bad = COMMENTED.replace('targetIp: 10.5.0.11', 'targetIp: 10.5.0.999')
      const { store, file } = await makeInstance(dir, 'lab', bad)
      const before = await stat(file)
      const err = await caught(store.read('lab'))
      expect(err.code).toBe('CONFIG_INVALID')
      expect(err.message).toContain('cluster.nodes.active.keep-1.targetIp')
      expect(err.message).toContain('(line 23)')
      const edit = await caught(store.update('lab', (e) => e.set(['cluster', 'name'], 'other')))
      expect(edit.code).toBe('CONFIG_INVALID')
      expect(await readFile(file, 'utf8')).toBe(bad)
      expect((await stat(file)).mtimeMs).toBe(before.mtimeMs)
    })
  })

  it('names the line of a YAML syntax error', async () => {
    await withTempDir(async (dir) => {
      const { store } = await makeInstance(dir, 'lab', 'cluster:\n  name: lab\n  nodes: [unclosed\n')
      const err = await caught(store.read('lab'))
      expect(err.code).toBe('CONFIG_INVALID')
      expect(err.message).toMatch(/line \d/)
    })
  })

  it('names a bad node hostname key and its line', async () => {
    await withTempDir(async (dir) => {
      const bad = COMMENTED.replace('      keep-1:', '      Keep_1:')
      const { store } = await makeInstance(dir, 'lab', bad)
      const err = await caught(store.read('lab'))
      expect(err.message).toContain('cluster.nodes.active.Keep_1')
      expect(err.message).toContain('(line 21)')
      expect(err.message).toContain('Hostname')
    })
  })

  it('refuses an edit that breaks the schema and writes nothing', async () => {
    await withTempDir(async (dir) => {
      const { store, file } = await makeInstance(dir)
      const err = await caught(store.update('lab', (e) => e.set(['cluster', 'network', 'subnet'], '10.0.0.0/99')))
      expect(err.code).toBe('VALIDATION')
      expect(err.message).toContain('cluster.network.subnet')
      expect(await readFile(file, 'utf8')).toBe(initialConfigYaml('lab'))
    })
  })

  it('loses no update when 50 edits race in one process', async () => {
    await withTempDir(async (dir) => {
      const { store } = await makeInstance(dir)
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store.update('lab', (e) => {
            const list = (e.get(['cluster', 'network', 'dnsServers']) as string[]) ?? []
            e.set(['cluster', 'network', 'dnsServers'], [...list, `10.9.0.${i + 1}`])
          })
        )
      )
      const { config } = await store.read('lab')
      expect(new Set(config.cluster?.network?.dnsServers).size).toBe(50)
    })
  })

  it('leaves no temporary files behind after writes', async () => {
    await withTempDir(async (dir) => {
      const { store, root } = await makeInstance(dir)
      for (let i = 0; i < 5; i++) await store.update('lab', (e) => e.set(['cluster', 'hostnamePrefix'], `p${i}-`))
      const { readdir } = await import('node:fs/promises')
      expect((await readdir(root)).sort()).toEqual(['config.yaml'])
    })
  })

  it('says which instance is missing', async () => {
    await withTempDir(async (dir) => {
      const { store } = await makeInstance(dir)
      const err = await caught(store.read('nope'))
      expect(err.code).toBe('NOT_FOUND')
      expect(err.message).toContain('nope')
      await writeFile(`${dir}/x`, '')
    })
  })
})
