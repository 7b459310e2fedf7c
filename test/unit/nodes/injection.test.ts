import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { createNodeService } from '@core/nodes/nodes'
import { dispatch } from '@main/ipc/dispatch'
import { createHandlers } from '@main/handlers'
import type { AppContext } from '@main/app-context'
import { AppError } from '@shared/errors'
import { withTempDir } from '../../helpers/tmp'
import { makeInstance } from '../config/helpers'

/** What someone might paste to break out of a field: shell, paths, YAML, templates, control bytes. */
const PAYLOADS = [
  '; rm -rf /',
  '$(reboot)',
  '`id`',
  '| nc evil 1',
  '&& halt',
  '../../etc/passwd',
  'a\nb',
  'a\rb',
  '{{ .Secrets }}',
  '${HOME}',
  'a: b',
  '&anchor',
  '*alias',
  '!!js/function',
  '# comment',
  'two words',
  'nul\0byte',
  '-rf'
]

async function refused(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(AppError)
    return e as AppError
  }
  throw new Error('expected the value to be refused')
}

const NODE_FIELDS = ['hostname', 'targetIp', 'currentIp', 'mac', 'interface', 'disk', 'version', 'schematicId'] as const
const GOOD = { hostname: 'cp-1', role: 'controlplane' as const, targetIp: '10.5.0.11' }
const BASES: Record<(typeof NODE_FIELDS)[number], string> = {
  hostname: 'cp-1',
  targetIp: '10.5.0.11',
  currentIp: '10.5.0.99',
  mac: 'aa:bb:cc:dd:ee:ff',
  interface: 'eth0',
  disk: '/dev/sda',
  version: 'v1.11.6',
  schematicId: 'a'.repeat(64)
}
const LABELS: Record<(typeof NODE_FIELDS)[number], string> = {
  hostname: 'Hostname',
  targetIp: 'Target IP',
  currentIp: 'Current IP',
  mac: 'MAC address',
  interface: 'Interface',
  disk: 'Disk',
  version: 'Talos version',
  schematicId: 'Schematic ID'
}

describe('operator-typed fields refuse injection attempts with a clear message', () => {
  it('refuses every payload in every node field, on add and on update, and writes nothing', async () => {
    await withTempDir(async (dir) => {
      const { store, events, file } = await makeInstance(dir)
      await store.update('lab', (e) => e.set(['cluster', 'network', 'subnet'], '10.5.0.0/24'))
      const nodes = createNodeService({ store, events, dataDir: dir })
      await nodes.add('lab', { hostname: 'w-1', role: 'worker', targetIp: '10.5.0.21' })
      const before = await readFile(file, 'utf8')
      for (const field of NODE_FIELDS) {
        for (const payload of PAYLOADS) {
          // A leading "-" is only a flag at the start; "cp-1-rf" is a fine hostname.
          for (const value of payload === '-rf' ? [payload] : [payload, BASES[field] + payload]) {
            const add = await refused(nodes.add('lab', { ...GOOD, [field]: value } as never))
            expect(add.code, `${field}=${JSON.stringify(value)}`).toBe('VALIDATION')
            expect(add.message).toContain(LABELS[field])
            expect(add.message).toMatch(/is refused: it contains|is not valid/)
            if (field === 'hostname') continue
            const upd = await refused(nodes.update('lab', 'w-1', { [field]: value } as never))
            expect(upd.code).toBe('VALIDATION')
            expect(upd.message).toContain(LABELS[field])
          }
        }
      }
      expect(await readFile(file, 'utf8')).toBe(before)
    })
  })

  it('names the offending characters', async () => {
    await withTempDir(async (dir) => {
      const { store, events } = await makeInstance(dir)
      const nodes = createNodeService({ store, events, dataDir: dir })
      const e = await refused(nodes.add('lab', { ...GOOD, hostname: 'cp-1;reboot' }))
      expect(e.message).toContain('Hostname "cp-1;reboot" is refused: it contains ";"')
      const nl = await refused(nodes.add('lab', { ...GOOD, disk: '/dev/sda\nmachine: {}' }))
      expect(nl.message).toContain('a line break')
      const dots = await refused(nodes.add('lab', { ...GOOD, disk: '/dev/../../etc/shadow' }))
      expect(dots.message).toContain('".."')
      const tpl = await refused(nodes.add('lab', { ...GOOD, interface: '{{.Name}}' }))
      expect(tpl.message).toContain('template syntax')
    })
  })

  it('refuses payloads in every cluster setting and in config keys', async () => {
    await withTempDir(async (dir) => {
      const { config, file } = await makeInstance(dir)
      const before = await readFile(file, 'utf8')
      const settings: [string, (v: string) => object][] = [
        ['Cluster name', (v) => ({ name: v })],
        ['VIP', (v) => ({ vip: v })],
        ['Talos version', (v) => ({ talosVersion: v })],
        ['Kubernetes version', (v) => ({ kubernetesVersion: v })],
        ['Schematic ID', (v) => ({ schematicId: v })],
        ['Hostname prefix', (v) => ({ hostnamePrefix: v })],
        ['Subnet', (v) => ({ network: { subnet: v } })],
        ['Gateway', (v) => ({ network: { gateway: v } })],
        ['DNS server', (v) => ({ network: { dnsServers: [v] } })]
      ]
      for (const [label, make] of settings) {
        for (const payload of PAYLOADS) {
          const e = await refused(config.updateSettings('lab', make(payload === '-rf' ? payload : 'x' + payload) as never))
          expect(e.code, `${label} ${JSON.stringify(payload)}`).toBe('VALIDATION')
          expect(e.message).toContain(label)
        }
      }
      for (const key of ['cluster..name', 'cluster.na me', 'cluster.$(x)', 'a/b', '../config', 'cluster[0]', 'a:b', 'cluster.{{x}}', 'a\nb']) {
        const e = await refused(config.setValue('lab', key, 'x'))
        expect(e.code).toBe('VALIDATION')
        expect(e.message).toContain('dot-separated names')
      }
      expect(await readFile(file, 'utf8')).toBe(before)
    })
  })

  it('refuses the same values at the IPC boundary, before any handler runs', async () => {
    const handlers = createHandlers({ core: {} } as unknown as AppContext)
    const cases: [string, Record<string, unknown>, string][] = [
      ['nodes.add', { instance: 'lab', hostname: 'cp-1', role: 'worker', targetIp: '10.0.0.1;reboot' }, 'Target IP'],
      ['nodes.add', { instance: 'lab', hostname: 'cp 1', role: 'worker', targetIp: '10.0.0.1' }, 'Hostname'],
      ['nodes.update', { instance: 'lab', hostname: 'cp-1', changes: { disk: '/dev/sda; halt' } }, 'Disk'],
      ['nodes.delete', { instance: 'lab', hostname: '../x', confirm: '../x' }, 'Hostname'],
      ['config.set', { instance: 'lab', key: 'a..b', value: 1 }, 'dot-separated'],
      ['cluster.settings.update', { instance: 'lab', changes: { vip: '10.0.0.1\n' } }, 'VIP']
    ]
    for (const [name, input, label] of cases) {
      const r = await dispatch(handlers, name, input)
      expect(r.ok, name).toBe(false)
      if (!r.ok) {
        expect(r.error.code).toBe('VALIDATION')
        expect(r.error.message).toContain(label)
      }
    }
  })
})
