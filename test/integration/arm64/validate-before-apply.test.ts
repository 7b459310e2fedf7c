import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseAllDocuments } from 'yaml'
import { describe, expect, it } from 'vitest'
import { createLab } from '@lab/lab'
import { preset } from '@lab/machines'
import { withTempDir } from '../../helpers/tmp'
import { NET, labCore } from '../lifecycle/lab-helpers'

/**
 * Issue 15 brief item 4: every generated machine config goes through `talosctl validate
 * --mode metal` before it is applied, and a config the validator refuses is never sent.
 */
describe('validate before apply', () => {
  it('refuses to apply a config the validator rejects, with its message, and leaves the machine untouched', async () => {
    await withTempDir(async (dir) => {
      const lab = await createLab({
        dir: join(dir, 'lab'),
        clientVersion: 'v1.13.0',
        machines: [preset('nvme-mini-pc', { ip: '127.0.10.101', talosVersion: 'v1.12.0' })]
      })
      const core = labCore(lab, join(dir, 'data'), join(dir, 'home', '.kube', 'config'))
      try {
        await core.instances.create('lab')
        await core.config.updateSettings('lab', {
          vip: NET.vip,
          talosVersion: 'v1.13.0',
          kubernetesVersion: '1.35.2',
          network: { subnet: NET.subnet, gateway: NET.gateway, dnsServers: [] }
        })
        await core.cluster.generateConfig('lab')
        // An operator's hand edit: a static hostname in v1alpha1 next to the HostnameConfig document.
        const p = core.instances.paths('lab')
        const docs = parseAllDocuments(await readFile(p.controlplane, 'utf8'))
        const main = docs[0]!.toJS() as { machine: { network?: Record<string, unknown> } }
        main.machine.network = { ...(main.machine.network ?? {}), hostname: 'edited-by-hand' }
        const rest = docs.slice(1).map((d) => d.toString())
        const { stringify } = await import('yaml')
        await writeFile(p.controlplane, [stringify(main), ...rest].join('---\n'))

        await core.nodes.detectHardware('lab', '127.0.10.101')
        await core.nodes.add('lab', { hostname: 'cp-1', role: 'controlplane', targetIp: '127.0.10.11', currentIp: '127.0.10.101' })
        const op = await core.operations.wait('lab', (await core.cluster.setup('lab', 'cp-1')).id)
        expect(op.error?.code).toBe('CONFIG_INVALID')
        expect(op.error?.message).toContain('talosctl validate --mode metal')
        expect(op.error?.message).toContain('static hostname is already set in v1alpha1 config')
        expect(op.steps.find((s) => s.name === 'Apply configuration')?.status).toBe('failed')
        // Nothing was sent: the machine is still in maintenance mode at its DHCP address.
        expect((await lab.machine('127.0.10.101'))?.machine).toMatchObject({ configured: false })
      } finally {
        await core.close()
      }
    })
  }, 120_000)
})
