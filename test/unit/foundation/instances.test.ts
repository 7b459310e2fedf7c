import { spawnSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EventBus } from '@core/event-bus'
import { createInstanceService } from '@core/instances/instances'
import { tempFolderName } from '@core/instances/build'
import { ownerTag } from '@core/config/lock-owner'
import { withTempDir } from '../../helpers/tmp'

function service(dataDir: string) {
  const events = new EventBus()
  const seen: unknown[] = []
  events.onAny((name, payload) => seen.push([name, payload]))
  return { svc: createInstanceService({ dataDir, events }), seen }
}

describe('instances', () => {
  it('creates <data>/instances/<name>/config.yaml and makes it current', async () => {
    await withTempDir(async (dir) => {
      const { svc, seen } = service(dir)
      const created = await svc.create('home-lab')
      expect(created).toMatchObject({ name: 'home-lab', current: true, clusterName: 'home-lab', nodeCount: 0, error: null })
      const yaml = await fs.readFile(join(dir, 'instances', 'home-lab', 'config.yaml'), 'utf8')
      expect(yaml).toContain('cluster:')
      expect((await fs.readFile(join(dir, 'current-context'), 'utf8')).trim()).toBe('home-lab')
      expect(seen).toContainEqual(['instances.changed', { current: 'home-lab' }])
    })
  })

  it.each(['Home', 'a b', '../etc', 'x/y', '-lead', 'trail-', '', 'a'.repeat(64), 'semi;colon', 'nl\nx'])('refuses the instance name %j', async (name) => {
    await withTempDir(async (dir) => {
      await expect(service(dir).svc.create(name)).rejects.toMatchObject({ code: 'VALIDATION' })
      await expect(fs.readdir(dir)).resolves.toEqual([])
    })
  })

  it('refuses a second instance with the same name', async () => {
    await withTempDir(async (dir) => {
      const { svc } = service(dir)
      await svc.create('lab')
      await expect(svc.create('lab')).rejects.toMatchObject({ code: 'CONFLICT' })
    })
  })

  it('lists instances sorted with the current one marked', async () => {
    await withTempDir(async (dir) => {
      const { svc } = service(dir)
      await svc.create('zeta')
      await svc.create('alpha', { use: false })
      const list = await svc.list()
      expect(list.map((i) => [i.name, i.current])).toEqual([
        ['alpha', false],
        ['zeta', true]
      ])
    })
  })

  it('reports an unreadable config.yaml in the list instead of failing', async () => {
    await withTempDir(async (dir) => {
      const { svc } = service(dir)
      await svc.create('broken')
      await fs.writeFile(join(dir, 'instances', 'broken', 'config.yaml'), 'cluster: [unclosed\n')
      const [item] = await svc.list()
      expect(item!.error).toMatch(/cannot be read/)
    })
  })

  it('deletes only when the name is typed exactly', async () => {
    await withTempDir(async (dir) => {
      const { svc } = service(dir)
      await svc.create('lab')
      await expect(svc.remove('lab', 'Lab')).rejects.toMatchObject({ code: 'VALIDATION' })
      await expect(fs.stat(join(dir, 'instances', 'lab'))).resolves.toBeTruthy()
      await svc.remove('lab', 'lab')
      await expect(fs.stat(join(dir, 'instances', 'lab'))).rejects.toThrow()
      expect(await svc.current()).toBeNull()
    })
  })

  it('switches the current instance and resolves it for commands', async () => {
    await withTempDir(async (dir) => {
      const { svc } = service(dir)
      await svc.create('one')
      await svc.create('two')
      expect(await svc.resolve()).toBe('two')
      await svc.use('one')
      expect(await svc.resolve()).toBe('one')
      await expect(svc.use('three')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    })
  })

  it('says what to do when no instance is selected', async () => {
    await withTempDir(async (dir) => {
      await expect(service(dir).svc.resolve()).rejects.toMatchObject({ code: 'NOT_FOUND', message: /Create one/ })
    })
  })
})

describe('instances: half-made folders', () => {
  it('repairs an instance folder without config.yaml (left by an older version) on create', async () => {
    await withTempDir(async (dir) => {
      const root = join(dir, 'instances', 'lab')
      await fs.mkdir(join(root, 'operations'), { recursive: true })
      const { svc } = service(dir)
      expect((await svc.list())[0]!.error).toBe('config.yaml is missing')
      const created = await svc.create('lab')
      expect(created).toMatchObject({ name: 'lab', current: true, clusterName: 'lab', error: null })
      await expect(fs.stat(join(root, 'operations'))).resolves.toBeTruthy()
      await expect(svc.create('lab')).rejects.toMatchObject({ code: 'CONFLICT' })
    })
  })

  it('keeps the folders of a killed create or delete out of the list and removes them', async () => {
    await withTempDir(async (dir) => {
      const { svc } = service(dir)
      const gone = spawnSync(process.execPath, ['-e', '0']).pid!
      // What a create and a delete killed half-way leave behind.
      for (const prefix of ['.creating-', '.deleting-']) {
        const temp = join(dir, 'instances', tempFolderName('lab', ownerTag(gone, '1'), prefix))
        await fs.mkdir(temp, { recursive: true })
        await fs.writeFile(join(temp, 'config.yaml'), 'cluster:\n  name: lab\n')
      }
      expect(await svc.list()).toEqual([])
      await svc.create('other')
      expect(await fs.readdir(join(dir, 'instances'))).toEqual(['other'])
    })
  })
})
