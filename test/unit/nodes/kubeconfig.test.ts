import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse, stringify } from 'yaml'
import { describe, expect, it } from 'vitest'
import { defaultKubeconfigTarget, mergeKubeconfigInto } from '@core/cluster/kubeconfig'
import { backupName, mergeKubeconfigs, type Kubeconfig } from '@core/cluster/kubeconfig-merge'
import { instancePaths } from '@core/paths'
import { withTempDir } from '../../helpers/tmp'

const ours: Kubeconfig = {
  apiVersion: 'v1',
  kind: 'Config',
  clusters: [{ name: 'lab', cluster: { server: 'https://10.0.0.10:6443' } }],
  users: [{ name: 'admin@lab', user: { token: 'new' } }],
  contexts: [{ name: 'admin@lab', context: { cluster: 'lab', user: 'admin@lab' } }],
  'current-context': 'admin@lab'
}
const theirs: Kubeconfig = {
  apiVersion: 'v1',
  kind: 'Config',
  clusters: [
    { name: 'work', cluster: { server: 'https://work:6443' } },
    { name: 'lab', cluster: { server: 'https://old:6443' } }
  ],
  users: [{ name: 'me', user: { token: 'mine' } }],
  contexts: [{ name: 'work', context: { cluster: 'work', user: 'me' } }],
  'current-context': 'work',
  preferences: { colors: true }
}

describe('kubeconfig merge', () => {
  it('replaces entries of the same name, keeps the others and their order', () => {
    const { merged, context } = mergeKubeconfigs(theirs, ours, { setCurrentContext: true })
    expect(context).toBe('admin@lab')
    expect(merged.clusters!.map((c) => [c.name, (c.cluster as { server: string }).server])).toEqual([
      ['work', 'https://work:6443'],
      ['lab', 'https://10.0.0.10:6443']
    ])
    expect(merged.users!.map((u) => u.name)).toEqual(['me', 'admin@lab'])
    expect(merged['current-context']).toBe('admin@lab')
    expect(merged.preferences).toEqual({ colors: true })
  })

  it('keeps the current context when asked to', () => {
    expect(mergeKubeconfigs(theirs, ours, { setCurrentContext: false }).merged['current-context']).toBe('work')
  })

  it('starts a new file from ours when there is none', () => {
    expect(mergeKubeconfigs(null, ours, { setCurrentContext: false }).merged['current-context']).toBe('admin@lab')
  })

  it('names backups by time', () => {
    expect(backupName('/h/.kube/config', new Date(2025, 10, 26, 9, 5, 3))).toBe('/h/.kube/config.wild-backup-20251126-090503')
  })

  it('uses the first $KUBECONFIG entry, else ~/.kube/config', () => {
    expect(defaultKubeconfigTarget({ KUBECONFIG: '/a/one:/b/two' }, '/home/x')).toBe('/a/one')
    expect(defaultKubeconfigTarget({}, '/home/x')).toBe('/home/x/.kube/config')
  })

  it('backs the old file up (0600) before writing the merged one (0600)', async () => {
    await withTempDir(async (dir) => {
      const p = instancePaths(dir, 'lab')
      await mkdir(p.root, { recursive: true })
      await writeFile(p.kubeconfig, stringify(ours), { mode: 0o600 })
      const target = join(dir, 'home', '.kube', 'config')
      await mkdir(join(dir, 'home', '.kube'), { recursive: true })
      const original = stringify(theirs)
      await writeFile(target, original, { mode: 0o644 })
      const r = await mergeKubeconfigInto(p, target, { setCurrentContext: true, now: new Date(2025, 0, 2, 3, 4, 5) })
      expect(r.backup).toBe(`${target}.wild-backup-20250102-030405`)
      expect(await readFile(r.backup!, 'utf8')).toBe(original)
      expect((await stat(r.backup!)).mode & 0o777).toBe(0o600)
      expect((await stat(target)).mode & 0o777).toBe(0o600)
      expect((parse(await readFile(target, 'utf8')) as Kubeconfig)['current-context']).toBe('admin@lab')
      const again = await mergeKubeconfigInto(p, target, { setCurrentContext: true, now: new Date(2025, 0, 2, 3, 4, 5) })
      expect(again.backup).toBe(`${target}.wild-backup-20250102-030405-1`)
      expect((await readdir(join(dir, 'home', '.kube'))).length).toBe(3)
    })
  })

  it('refuses a target that is not a kubeconfig and leaves it untouched', async () => {
    await withTempDir(async (dir) => {
      const p = instancePaths(dir, 'lab')
      await mkdir(p.root, { recursive: true })
      await writeFile(p.kubeconfig, stringify(ours))
      const target = join(dir, 'config')
      await writeFile(target, 'clusters: 12\n')
      await expect(mergeKubeconfigInto(p, target, { setCurrentContext: true })).rejects.toMatchObject({ code: 'CONFIG_INVALID' })
      expect(await readFile(target, 'utf8')).toBe('clusters: 12\n')
      expect(await readdir(dir)).toEqual(['config', 'instances'])
    })
  })
})
