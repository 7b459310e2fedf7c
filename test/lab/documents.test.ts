import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { configFacts } from '../../src/lab/config-facts'
import { preset } from '../../src/lab/machines'
import { effectiveNetwork } from '../../src/lab/resources/network'
import { newLab, run } from './lab-helpers'

/**
 * Talos 1.12 network documents in the lab, as the Talos docs describe them: generated configs
 * from the 1.12 contract carry HostnameConfig (auto: stable); a 1.11 machine has the new kinds
 * "not registered"; a 1.12 machine applies them and comes up at the LinkConfig address on the
 * link its LinkAliasConfig selects by MAC; `talosctl validate` reads a config as its own version.
 */

type Obj = Record<string, any>
const docsOf = (text: string): Obj[] => parseAllDocuments(text).map((d) => d.toJS() as Obj)
const MAC = 'a8:b8:e0:04:12:7c' // nvme-mini-pc's enp1s0

/** The node patch in v1.12 documents, in our own words from the Talos reference. */
const documentsPatch = (mac: string) => `machine:
  install:
    disk: /dev/nvme0n1
---
apiVersion: v1alpha1
kind: HostnameConfig
hostname: cp-1
auto: "off"
---
apiVersion: v1alpha1
kind: LinkAliasConfig
name: net0
selector:
  match: mac(link.permanent_addr) == "${mac}" || mac(link.hardware_addr) == "${mac}"
---
apiVersion: v1alpha1
kind: LinkConfig
name: net0
addresses:
  - address: 127.0.10.51/24
routes:
  - gateway: 127.0.10.1
---
apiVersion: v1alpha1
kind: Layer2VIPConfig
name: 127.0.10.50
link: net0
`

async function generated(clientVersion: string, contract: string) {
  const lab = await newLab({
    machines: [preset('nvme-mini-pc', { talosVersion: 'v1.12.0' })],
    clientVersion,
    timing: { installDelayMs: 50, rebootDelayMs: 50, bootDelayMs: 10 }
  })
  expect((await run(lab, ['gen', 'config', 'demo', 'https://127.0.10.50:6443', '--talos-version', contract, '-o', 'g'])).exitCode).toBe(0)
  return lab
}

describe('v1.12 configuration documents', () => {
  it('gen config for the 1.12+ contract adds HostnameConfig and moves the stable hostname out of machine.features', async () => {
    const lab = await generated('v1.13.0', 'v1.13')
    const docs = docsOf(await readFile(join(lab.dir, 'g', 'controlplane.yaml'), 'utf8'))
    expect(docs.map((d) => d.kind ?? 'v1alpha1')).toEqual(['v1alpha1', 'HostnameConfig'])
    expect(docs[1]).toEqual({ apiVersion: 'v1alpha1', kind: 'HostnameConfig', auto: 'stable' })
    expect(docs[0]!.machine.features.stableHostname).toBeUndefined()
    expect(docs[0]!.machine.install.grubUseUKICmdline).toBe(true)
  })

  it('gen config for the 1.11 contract stays one v1alpha1 document, even from a newer client', async () => {
    const lab = await generated('v1.13.0', 'v1.11')
    const docs = docsOf(await readFile(join(lab.dir, 'g', 'controlplane.yaml'), 'utf8'))
    expect(docs).toHaveLength(1)
    expect(docs[0]!.machine.features.stableHostname).toBe(true)
  })

  it('patches documents by kind and name, and $patch: delete removes one', async () => {
    const lab = await generated('v1.13.0', 'v1.13')
    await writeFile(join(lab.dir, 'p.yaml'), documentsPatch(MAC))
    await writeFile(join(lab.dir, 'del.yaml'), 'apiVersion: v1alpha1\nkind: HostnameConfig\n$patch: delete\n')
    const r = await run(lab, ['machineconfig', 'patch', 'g/controlplane.yaml', '--patch', '@p.yaml'])
    const docs = docsOf(r.stdout)
    expect(docs.map((d) => d.kind ?? 'v1alpha1')).toEqual(['v1alpha1', 'HostnameConfig', 'LinkAliasConfig', 'LinkConfig', 'Layer2VIPConfig'])
    expect(docs[1]).toEqual({ apiVersion: 'v1alpha1', kind: 'HostnameConfig', auto: 'off', hostname: 'cp-1' })
    const deleted = await run(lab, ['machineconfig', 'patch', 'g/controlplane.yaml', '--patch', '@del.yaml'])
    expect(docsOf(deleted.stdout).map((d) => d.kind ?? 'v1alpha1')).toEqual(['v1alpha1'])
  })

  it('a 1.11 talosctl cannot merge a patch with the documents', async () => {
    const lab = await generated('v1.11.6', 'v1.11')
    await writeFile(join(lab.dir, 'p.yaml'), documentsPatch(MAC))
    const r = await run(lab, ['machineconfig', 'patch', 'g/controlplane.yaml', '--patch', '@p.yaml', '-o', 'final.yaml'])
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(/^error decoding document v1alpha1\/HostnameConfig\/ \(line \d+\): "HostnameConfig" "v1alpha1": not registered\n$/)
  })

  it('validate --mode metal passes a 1.13 config with the documents and says so', async () => {
    const lab = await generated('v1.13.0', 'v1.13')
    await writeFile(join(lab.dir, 'p.yaml'), documentsPatch(MAC))
    await run(lab, ['machineconfig', 'patch', 'g/controlplane.yaml', '--patch', '@p.yaml', '-o', 'final.yaml'])
    const r = await run(lab, ['validate', '--config', 'final.yaml', '--mode', 'metal'])
    expect(r).toMatchObject({ exitCode: 0, stdout: 'final.yaml is valid for metal mode\n', stderr: '' })
  })

  it('validate reports a static hostname set both in machine.network and in HostnameConfig', async () => {
    const lab = await generated('v1.13.0', 'v1.13')
    await writeFile(join(lab.dir, 'p.yaml'), 'machine:\n  network:\n    hostname: cp-1\n')
    await run(lab, ['machineconfig', 'patch', 'g/controlplane.yaml', '--patch', '@p.yaml', '-o', 'bad.yaml'])
    const r = await run(lab, ['validate', '-c', 'bad.yaml', '-m', 'metal'])
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toContain('* static hostname is already set in v1alpha1 config')
  })

  it('a 1.11 client validating the documents has their kind not registered', async () => {
    const lab = await generated('v1.13.0', 'v1.11')
    await writeFile(join(lab.dir, 'p.yaml'), documentsPatch(MAC))
    await run(lab, ['machineconfig', 'patch', 'g/controlplane.yaml', '--patch', '@p.yaml', '-o', 'final.yaml'])
    await lab.update((l) => {
      l.clientVersion = 'v1.11.6'
    })
    const r = await run(lab, ['validate', '--config', 'final.yaml', '--mode', 'metal'])
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(/^error decoding document v1alpha1\/HostnameConfig\/ \(line \d+\): "HostnameConfig" "v1alpha1": not registered\n$/)
  })

  it('a 1.11 maintenance machine refuses the documents; a 1.12 one comes up at the LinkConfig address', async () => {
    const lab = await generated('v1.13.0', 'v1.13')
    await writeFile(join(lab.dir, 'p.yaml'), documentsPatch(MAC))
    await run(lab, ['machineconfig', 'patch', 'g/controlplane.yaml', '--patch', '@p.yaml', '-o', 'final.yaml'])
    const ip = '127.0.10.11'
    await lab.update((l) => {
      l.machines[0]!.talosVersion = 'v1.11.6'
    })
    // The 1.13 contract's v1alpha1 document already has a key 1.11 does not know…
    const old = await run(lab, ['apply-config', '--insecure', '-n', ip, '--file', 'final.yaml'])
    expect(old.exitCode).toBe(1)
    expect(old.stderr).toBe(
      'error applying new configuration: rpc error: code = Unknown desc = failed to parse config: unknown keys found during decoding:\n' +
        'machine:\n    install:\n        grubUseUKICmdline: true\n\n'
    )
    // …and without it, the first document it does not know.
    await writeFile(join(lab.dir, 'nogrub.yaml'), 'machine:\n  install:\n    grubUseUKICmdline:\n      $patch: delete\n')
    await run(lab, ['machineconfig', 'patch', 'final.yaml', '--patch', '@nogrub.yaml', '-o', 'final2.yaml'])
    const old2 = await run(lab, ['apply-config', '--insecure', '-n', ip, '--file', 'final2.yaml'])
    expect(old2.stderr).toMatch(
      /failed to parse config: error decoding document v1alpha1\/HostnameConfig\/ \(line \d+\): "HostnameConfig" "v1alpha1": not registered\n$/
    )
    expect((await lab.machine(ip))?.stage).toBe('maintenance')

    await lab.update((l) => {
      l.machines[0]!.talosVersion = 'v1.12.0'
    })
    expect((await run(lab, ['apply-config', '--insecure', '-n', ip, '--file', 'final.yaml'])).exitCode).toBe(0)
    const m = (await lab.read()).machines[0]!
    expect(m.ip).toBe('127.0.10.51')
    expect(configFacts(m.config).hostname).toBe('cp-1')
    const net = effectiveNetwork(m, true)
    expect(net.addresses.filter((a) => a.linkName === 'enp1s0' && a.family === 'inet4').map((a) => a.address)).toEqual(['127.0.10.51/24', '127.0.10.50/32'])
    expect(net.routes).toContainEqual(expect.objectContaining({ gateway: '127.0.10.1', outLinkName: 'enp1s0', dst: '' }))
  })

  it('a LinkAliasConfig selecting another MAC leaves the machine on its DHCP address', async () => {
    const lab = await generated('v1.13.0', 'v1.13')
    await writeFile(join(lab.dir, 'p.yaml'), documentsPatch('02:00:00:00:00:99'))
    await run(lab, ['machineconfig', 'patch', 'g/controlplane.yaml', '--patch', '@p.yaml', '-o', 'final.yaml'])
    expect((await run(lab, ['apply-config', '--insecure', '-n', '127.0.10.11', '--file', 'final.yaml'])).exitCode).toBe(0)
    const m = (await lab.read()).machines[0]!
    expect(m.ip).toBe('127.0.10.11')
    expect(effectiveNetwork(m, true).addresses.map((a) => a.address)).not.toContain('127.0.10.51/24')
  })
})
