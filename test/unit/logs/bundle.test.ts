import { mkdir, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeDiagnosticsBundle } from '@core/logs/bundle'
import { instanceFileAllowed } from '@core/logs/bundle-files'
import { instancePaths } from '@core/paths'
import { withTempDir } from '../../helpers/tmp'
import { readZip } from '../../helpers/zip-listing'
import { KUBECONFIG, MACHINE_CONFIG, PEM_KEY, SECRET_STRINGS, TALOSCONFIG } from '../../helpers/secrets'

const put = async (path: string, text: string) => {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, text)
}

/** A data folder as a real one looks after setup: logs, config, operations, and every kind of secret. */
async function seed(dataDir: string) {
  const p = instancePaths(dataDir, 'lab')
  await put(join(dataDir, 'logs', 'app.log'), '{"msg":"app started"}\n')
  await put(join(dataDir, 'logs', 'talosctl.1.log'), `{"msg":"talosctl failed","stderr":"leaked ${PEM_KEY}"}\n`)
  await put(p.config, 'cluster:\n  name: lab\n  vip: 10.0.0.5\n')
  await put(p.operationFile('op_1'), JSON.stringify({ id: 'op_1', type: 'setup', logTail: [`token: abcdef.0123456789abcdef`] }))
  await put(join(p.discovery, 'status.json'), '{"found":[]}')
  await put(join(p.pxe, 'status.json'), '{"running":false}')
  await put(p.secrets, 'secrets:\n  bootstraptoken: abcdef.0123456789abcdef\n')
  await put(p.talosconfig, TALOSCONFIG)
  await put(p.kubeconfig, KUBECONFIG)
  await put(p.controlplane, MACHINE_CONFIG)
  await put(p.finalConfigFor('cp1'), MACHINE_CONFIG)
  await put(p.patchFor('aa:bb:cc:dd:ee:ff'), MACHINE_CONFIG)
  await put(join(p.root, 'etcd', 'snapshots', 'etcd-2026.db'), 'snapshot bytes ClusterSecretValue')
}

describe('diagnostics bundle', () => {
  it('holds logs, versions and settings, and no secret file and no secret string', async () => {
    await withTempDir(async (dir) => {
      const dataDir = join(dir, 'data')
      await seed(dataDir)
      const file = join(dir, 'out', 'bundle.zip')
      const settings = {
        dataDir,
        talosctlPath: '/usr/bin/talosctl',
        theme: 'dark' as const,
        proxy: 'http://user:hunter2@proxy:3128/',
        factoryUrl: 'https://factory.talos.dev'
      }
      const r = await writeDiagnosticsBundle({
        file,
        settingsDataDir: dataDir,
        instancesDataDir: dataDir,
        settings,
        versions: { app: '0.1.0', talosctl: 'v1.11.5' }
      })
      const zip = await readZip(file)
      expect([...zip.keys()].sort()).toEqual(
        [
          'instances/lab/config.yaml',
          'instances/lab/discovery/status.json',
          'instances/lab/operations/op_1.json',
          'instances/lab/pxe/status.json',
          'logs/app.log',
          'logs/talosctl.1.log',
          'settings.json',
          'versions.json'
        ].sort()
      )
      expect(r.entries).toHaveLength(zip.size)
      expect(JSON.parse(zip.get('versions.json')!)).toMatchObject({ app: '0.1.0', talosctl: 'v1.11.5', node: process.versions.node, os: expect.any(String) })
      expect(zip.get('logs/app.log')).toContain('app started')
      const all = [...zip.values()].join('\n')
      for (const s of [...SECRET_STRINGS, 'hunter2']) expect(all).not.toContain(s)
      if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600)
    })
  })

  it('refuses secret paths even when they look like allowed ones', () => {
    expect(instanceFileAllowed('config.yaml')).toBe(true)
    expect(instanceFileAllowed('operations/op_1.json')).toBe(true)
    for (const p of [
      'talos/generated/secrets.yaml',
      'talos/generated/talosconfig',
      'kubeconfig',
      'talos/final/cp1.yaml',
      'pxe/secrets.json',
      'operations/x.db',
      'etcd/snapshots/a.db'
    ])
      expect(instanceFileAllowed(p)).toBe(false)
  })

  it('says where it could not write', async () => {
    await withTempDir(async (dir) => {
      await put(join(dir, 'blocker'), 'a file, not a folder')
      const settings = { dataDir: dir, talosctlPath: 'talosctl', theme: 'system' as const, proxy: null, factoryUrl: 'https://factory.talos.dev' }
      await expect(
        writeDiagnosticsBundle({
          file: join(dir, 'blocker', 'b.zip'),
          settingsDataDir: dir,
          instancesDataDir: dir,
          settings,
          versions: { app: '0', talosctl: '?' }
        })
      ).rejects.toMatchObject({ code: 'IO', message: expect.stringContaining('Choose another folder') })
    })
  })
})
