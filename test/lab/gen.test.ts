import { X509Certificate } from 'node:crypto'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { fromBase64, signedBy } from '../../src/lab/pki/certs'
import { TALOSCONFIG_GENERATED } from './fixtures/talos-reference'
import { fake, newLab, run } from './lab-helpers'

/** `gen config`, `gen secrets` and `machineconfig patch`: names, modes, stderr, contents. */

const mode = async (p: string): Promise<number> => (await stat(p)).mode & 0o777
type Obj = Record<string, any>

describe('gen config', () => {
  it('writes controlplane.yaml, worker.yaml and talosconfig 0644 and reports them on stderr only', async () => {
    const lab = await newLab({ machines: [] })
    const r = await fake(lab, ['gen', 'config', 'demo', 'https://127.0.10.50:6443', '-o', '_out'])
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe('generating PKI and tokens\nCreated _out/controlplane.yaml\nCreated _out/worker.yaml\nCreated _out/talosconfig\n')
    for (const f of ['controlplane.yaml', 'worker.yaml', 'talosconfig']) expect(await mode(join(lab.dir, '_out', f))).toBe(0o644)
  })

  it('uses absolute paths in the working folder when no -o is given', async () => {
    const lab = await newLab({ machines: [] })
    const r = await run(lab, ['gen', 'config', 'demo', 'https://127.0.10.50:6443'])
    expect(r.stderr.split('\n')[1]).toBe(`Created ${join(lab.dir, 'controlplane.yaml')}`)
  })

  it('produces a talosconfig with endpoints: [] whose CA is machine.ca.crt and whose client cert it signed', async () => {
    const lab = await newLab({ machines: [] })
    await run(lab, ['gen', 'config', 'demo', 'https://127.0.10.50:6443', '-o', 'o'])
    const talosconfig = await readFile(join(lab.dir, 'o', 'talosconfig'), 'utf8')
    const ref = TALOSCONFIG_GENERATED.replaceAll('mycluster', 'demo')
    const shape = (t: string): string[] => t.split('\n').map((l) => l.split(':')[0]!)
    expect(shape(talosconfig).slice(0, 7)).toEqual(shape(ref).slice(0, 7))
    expect(talosconfig).toContain('\n        endpoints: []\n')
    const cfg = parse(talosconfig) as Obj
    const ctx = cfg.contexts.demo
    expect(cfg.context).toBe('demo')
    expect(Object.keys(ctx)).toEqual(['endpoints', 'ca', 'crt', 'key'])
    const cp = parse(await readFile(join(lab.dir, 'o', 'controlplane.yaml'), 'utf8')) as Obj
    const worker = parse(await readFile(join(lab.dir, 'o', 'worker.yaml'), 'utf8')) as Obj
    expect(ctx.ca).toBe(cp.machine.ca.crt)
    expect(ctx.ca).toBe(worker.machine.ca.crt)
    expect(worker.machine.ca.key).toBe('')
    expect(fromBase64(ctx.key)).toMatch(/^-----BEGIN ED25519 PRIVATE KEY-----/)
    expect(new X509Certificate(fromBase64(ctx.ca)).subject).toBe('O=talos')
    expect(signedBy(fromBase64(ctx.crt), fromBase64(ctx.ca))).toBe(true)
    expect(cp).toMatchObject({
      version: 'v1alpha1',
      machine: { type: 'controlplane', install: { disk: '/dev/sda', image: 'ghcr.io/siderolabs/installer:v1.11.6' } },
      cluster: { clusterName: 'demo', controlPlane: { endpoint: 'https://127.0.10.50:6443' } }
    })
    expect(worker.machine.type).toBe('worker')
  })

  it('refuses to overwrite without --force, and overwrites with it', async () => {
    const lab = await newLab({ machines: [] })
    await run(lab, ['gen', 'config', 'demo', 'https://127.0.10.50:6443', '-o', '_out'])
    const again = await fake(lab, ['gen', 'config', 'demo', 'https://127.0.10.50:6443', '-o', '_out'])
    expect(again.exitCode).toBe(1)
    expect(again.stderr).toBe('generating PKI and tokens\nfile "_out/controlplane.yaml" already exists, use --force to overwrite\n')
    const forced = await run(lab, ['gen', 'config', 'demo', 'https://127.0.10.50:6443', '-o', '_out', '--force'])
    expect(forced.exitCode).toBe(0)
  })

  it('rejects endpoints without https:// the way talosctl words it', async () => {
    const lab = await newLab({ machines: [] })
    expect((await run(lab, ['gen', 'config', 'c', '1.2.3.4'])).stderr).toBe(
      'no scheme and port specified for the cluster endpoint URL\ntry: "https://1.2.3.4:6443"\n'
    )
    expect((await run(lab, ['gen', 'config', 'c', '1.2.3.4:6443'])).stderr).toBe(
      'no scheme specified for the cluster endpoint URL\ntry: "https://1.2.3.4:6443"\n'
    )
    expect((await run(lab, ['gen', 'config', 'c', 'http://1.2.3.4:6443'])).stderr).toBe('the control plane endpoint URL should have scheme https://\n')
  })

  it('reuses the cluster CA from --with-secrets and applies role-specific patches from @files', async () => {
    const lab = await newLab({ machines: [] })
    const s = await fake(lab, ['gen', 'secrets'])
    expect(s).toEqual({ stdout: '', stderr: '', exitCode: 0 })
    expect(await mode(join(lab.dir, 'secrets.yaml'))).toBe(0o600)
    const secrets = parse(await readFile(join(lab.dir, 'secrets.yaml'), 'utf8')) as Obj
    expect(Object.keys(secrets)).toEqual(['cluster', 'secrets', 'trustdinfo', 'certs'])
    expect(Object.keys(secrets.certs)).toEqual(['etcd', 'k8s', 'k8saggregator', 'k8sserviceaccount', 'os'])
    expect(secrets.secrets.bootstraptoken).toMatch(/^[a-z0-9]{6}\.[a-z0-9]{16}$/)
    const dup = await run(lab, ['gen', 'secrets'])
    expect(dup.stderr).toBe('file "secrets.yaml" already exists, use --force to overwrite\n')

    await writeFile(join(lab.dir, 'all.yaml'), 'cluster:\n  allowSchedulingOnControlPlanes: true\n')
    await writeFile(join(lab.dir, 'cp.yaml'), 'machine:\n  network:\n    hostname: cp-1\n')
    const r = await run(lab, [
      'gen',
      'config',
      'demo',
      'https://127.0.10.50:6443',
      '--with-secrets',
      'secrets.yaml',
      '-o',
      'o',
      '--config-patch',
      '@all.yaml',
      '--config-patch-control-plane',
      '@cp.yaml',
      '--config-patch-worker',
      '[{"op":"add","path":"/machine/network/hostname","value":"w-1"}]'
    ])
    expect(r.stderr.split('\n')[0]).toBe('generating PKI and tokens')
    const cp = parse(await readFile(join(lab.dir, 'o', 'controlplane.yaml'), 'utf8')) as Obj
    const worker = parse(await readFile(join(lab.dir, 'o', 'worker.yaml'), 'utf8')) as Obj
    expect(cp.machine.ca.crt).toBe(secrets.certs.os.crt)
    expect(cp.cluster.allowSchedulingOnControlPlanes).toBe(true)
    expect(worker.cluster.allowSchedulingOnControlPlanes).toBe(true)
    expect(cp.machine.network.hostname).toBe('cp-1')
    expect(worker.machine.network.hostname).toBe('w-1')
  })

  it('writes a single output type to the file -o names, or to stdout with -o -', async () => {
    const lab = await newLab({ machines: [] })
    const r = await run(lab, ['gen', 'config', 'demo', 'https://127.0.10.50:6443', '-t', 'talosconfig', '-o', '-'])
    expect(r.stdout).toMatch(/^context: demo\ncontexts:\n {4}demo:\n {8}endpoints: \[\]\n/)
  })
})

describe('machineconfig patch', () => {
  it('deep-merges patches, matching interfaces by name and by deviceSelector, to stdout plus a newline', async () => {
    const lab = await newLab({ machines: [] })
    await writeFile(
      join(lab.dir, 'base.yaml'),
      'machine:\n  network:\n    interfaces:\n      - interface: enp1s0\n        dhcp: true\n      - deviceSelector:\n          hardwareAddr: "aa:*"\n        mtu: 1500\n  certSANs: [a]\n'
    )
    await writeFile(
      join(lab.dir, 'p.yaml'),
      'machine:\n  network:\n    interfaces:\n      - interface: enp1s0\n        dhcp: false\n        addresses: [127.0.10.50/24]\n      - deviceSelector:\n          hardwareAddr: "aa:*"\n        mtu: 9000\n      - interface: eno2\n        dhcp: true\n  certSANs: [b]\n'
    )
    const r = await fake(lab, ['machineconfig', 'patch', 'base.yaml', '--patch', '@p.yaml'])
    expect(r.exitCode).toBe(0)
    expect(r.stdout.endsWith('\n\n')).toBe(true)
    const doc = parse(r.stdout) as Obj
    expect(doc.machine.network.interfaces).toEqual([
      { interface: 'enp1s0', dhcp: false, addresses: ['127.0.10.50/24'] },
      { deviceSelector: { hardwareAddr: 'aa:*' }, mtu: 9000 },
      { interface: 'eno2', dhcp: true }
    ])
    expect(doc.machine.certSANs).toEqual(['a', 'b'])
    const toFile = await run(lab, ['mc', 'patch', 'base.yaml', '-p', '@p.yaml', '-o', 'out.yaml'])
    expect(toFile.stdout).toBe('')
    expect(await mode(join(lab.dir, 'out.yaml'))).toBe(0o644)
  })
})
