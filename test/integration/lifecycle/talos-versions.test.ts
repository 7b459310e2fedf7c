import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { execa } from 'execa'
import { parseAllDocuments } from 'yaml'
import { describe, expect, it } from 'vitest'
import { createLab } from '@lab/lab'
import { preset } from '@lab/machines'
import { withTempDir } from '../../helpers/tmp'
import { NET, labCore, labEnv } from './lab-helpers'

type Obj = Record<string, any>
const docsOf = (text: string): Obj[] => parseAllDocuments(text).map((d) => d.toJS() as Obj)
const kinds = (docs: Obj[]) => docs.map((d) => d.kind ?? 'v1alpha1')

/**
 * Item 15.2 and 15.3 through the core and the simulated lab: a Talos 1.13 cluster whose first
 * machine boots 1.12 in maintenance mode (it gets the v1.12 network documents) and whose second
 * boots 1.11 (it gets v1alpha1 fields, since 1.11 rejects the documents). The operator set no
 * subnet or gateway: setup takes them from the first machine's detected address and route.
 */
describe('machine configs by Talos version, subnet inferred', () => {
  it('sets up a 1.12 and a 1.11 maintenance machine into a 1.13 cluster at their target addresses', async () => {
    await withTempDir(async (dir) => {
      const lab = await createLab({
        dir: join(dir, 'lab'),
        clientVersion: 'v1.13.0',
        machines: [
          preset('nvme-mini-pc', { ip: '127.0.10.101', talosVersion: 'v1.12.0' }),
          preset('sata-tower', { ip: '127.0.10.102', talosVersion: 'v1.11.6' })
        ]
      })
      const core = labCore(lab, join(dir, 'data'), join(dir, 'home', '.kube', 'config'))
      const validate = (file: string) =>
        execa(lab.talosctlPath, ['validate', '--config', file, '--mode', 'metal'], { env: labEnv(lab), reject: false, timeout: 20_000 })
      try {
        await core.instances.create('lab')
        await core.config.updateSettings('lab', { vip: NET.vip, talosVersion: 'v1.13.0', kubernetesVersion: '1.35.2' })
        expect((await core.config.settings('lab')).network).toMatchObject({ subnet: null, gateway: null })
        await core.nodes.detectHardware('lab', '127.0.10.101')
        await core.nodes.add('lab', { hostname: 'cp-1', role: 'controlplane', targetIp: '127.0.10.11', currentIp: '127.0.10.101' })

        const cp = await core.operations.wait('lab', (await core.cluster.setup('lab', 'cp-1')).id)
        expect(cp.error).toBeNull()
        expect((await core.config.settings('lab')).network).toMatchObject({ subnet: NET.subnet, gateway: NET.gateway })
        const cpLog = cp.logTail.join('\n')
        expect(cpLog).toContain("Cluster subnet 127.0.10.0/24 and gateway 127.0.10.1 taken from cp-1's detected address and default route.")
        expect(cpLog).toContain('cp-1 runs Talos v1.12.0 and gets Talos v1.13.0: its network settings are written as v1.12 documents')

        const p = core.instances.paths('lab')
        // gen config got the cluster's contract (v1.13): its layout carries HostnameConfig.
        expect(kinds(docsOf(await readFile(p.controlplane, 'utf8')))).toEqual(['v1alpha1', 'HostnameConfig'])
        const cpFinal = p.finalConfigFor('cp-1')
        const cpDocs = docsOf(await readFile(cpFinal, 'utf8'))
        expect(kinds(cpDocs)).toEqual(['v1alpha1', 'HostnameConfig', 'LinkAliasConfig', 'LinkConfig', 'Layer2VIPConfig'])
        expect(cpDocs[0]!.machine.network ?? {}).not.toHaveProperty('interfaces')
        expect((await validate(cpFinal)).stdout).toBe(`${cpFinal} is valid for metal mode`)
        const cpNow = await lab.machine('127.0.10.11')
        expect(cpNow?.machine).toMatchObject({ talosVersion: 'v1.13.0', configured: true })

        await core.nodes.detectHardware('lab', '127.0.10.102')
        await core.nodes.add('lab', { hostname: 'w-1', role: 'worker', targetIp: '127.0.10.21', currentIp: '127.0.10.102' })
        const w = await core.operations.wait('lab', (await core.cluster.setup('lab', 'w-1')).id)
        expect(w.error).toBeNull()
        expect(w.logTail.join('\n')).toContain('w-1 runs Talos v1.11.6 and gets Talos v1.13.0: its network settings are written as v1alpha1')
        const wFinal = p.finalConfigFor('w-1')
        const wDocs = docsOf(await readFile(wFinal, 'utf8'))
        expect(kinds(wDocs)).toEqual(['v1alpha1'])
        expect(wDocs[0]!.machine.network).toMatchObject({ hostname: 'w-1', interfaces: [{ addresses: ['127.0.10.21/24'] }] })
        expect(wDocs[0]!.machine.install).not.toHaveProperty('grubUseUKICmdline')
        expect((await validate(wFinal)).exitCode).toBe(0)
        expect((await lab.machine('127.0.10.21'))?.machine).toMatchObject({ talosVersion: 'v1.13.0', configured: true })
        expect(await core.nodes.get('lab', 'w-1')).toMatchObject({ state: 'ready', currentIp: '127.0.10.21' })
      } finally {
        await core.close()
      }
    })
  }, 120_000)
})
