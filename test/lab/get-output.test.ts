import { describe, expect, it } from 'vitest'
import { preset } from '../../src/lab/machines'
import { jsonDoc } from '../../src/lab/talosctl/output'
import { DISKS_JSON, LINKS_JSON, LINKS_TABLE, ROUTES_JSON } from './fixtures/talos-reference'
import { fake, newLab, run, splitObjects } from './lab-helpers'

/**
 * `talosctl get` output against the samples in fixtures/talos-reference.ts: the same keys at
 * every level, 4-space indentation, sorted keys, objects back to back, nothing for an empty list.
 */

type Obj = Record<string, unknown>
const keys = (o: unknown): string[] => Object.keys(o as Obj)
const parseAll = (text: string): Obj[] => splitObjects(text).map((s) => JSON.parse(s) as Obj)

/** The reference objects that are printed fully indented (the compacted ones are marked as such). */
function referenceObjects(text: string): Obj[] {
  return splitObjects(text)
    .filter((s) => s.split('\n').length > 6)
    .map((s) => JSON.parse(s) as Obj)
}

/** Re-serialises like Go's encoder: proves the text is canonical (sorted, indented by 4). */
function canonical(o: Obj): string {
  return jsonDoc({ node: o.node as string, metadata: o.metadata as never, spec: o.spec as Obj, display: '', columns: [] })
}

const lab = () => newLab({ machines: [preset('nvme-mini-pc'), preset('sata-tower'), preset('virtio-vm')] })

describe('get -o json matches the reference shape', () => {
  it('our serializer reproduces the reference disk sample byte for byte', () => {
    const text = DISKS_JSON
    expect(
      splitObjects(text)
        .map((s) => canonical(JSON.parse(s) as Obj))
        .join('')
    ).toBe(text)
  })

  it('prints disks as back-to-back 4-space objects with sorted keys and the reference key sets', async () => {
    const l = await lab()
    const r = await fake(l, ['get', 'disks', '--insecure', '-n', '127.0.10.11', '-o', 'json'])
    expect(r.exitCode).toBe(0)
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/^\{\n {4}"metadata": \{\n {8}"created"/)
    expect(r.stdout).toContain('}\n{\n')
    expect(r.stdout.endsWith('}\n')).toBe(true)
    const objects = parseAll(r.stdout)
    for (const [i, o] of objects.entries()) expect(canonical(o)).toBe(splitObjects(r.stdout)[i])
    const [refNvme] = referenceObjects(DISKS_JSON)
    const nvme = objects.find((o) => (o.metadata as Obj).id === 'nvme0n1')!
    expect(keys(nvme)).toEqual(keys(refNvme))
    expect(keys(nvme.metadata)).toEqual(keys(refNvme!.metadata))
    expect(keys(nvme.spec)).toEqual(keys(refNvme!.spec))
    expect(nvme.node).toBe('')
    expect(typeof (nvme.metadata as Obj).version).toBe('number')
    expect((nvme.metadata as Obj).created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
  })

  it('gives a SATA SSD the keys of the reference SATA sample (modalias, no serial)', async () => {
    const l = await lab()
    const r = await run(l, ['get', 'disks', 'sda', '-i', '-n', '127.0.10.12', '-o', 'json'])
    const [, refSata] = referenceObjects(DISKS_JSON)
    const [sda] = parseAll(r.stdout)
    expect(keys(sda!.spec)).toEqual(keys(refSata!.spec))
  })

  it('adds rotational only for an HDD and leaves symlinks out on Talos v1.9', async () => {
    const l = await lab()
    const hdd = parseAll((await run(l, ['get', 'disks', 'sdb', '-i', '-n', '127.0.10.12', '-o', 'json'])).stdout)[0]!
    expect((hdd.spec as Obj).rotational).toBe(true)
    const vm = parseAll((await run(l, ['get', 'disks', '-i', '-n', '127.0.10.13', '-o', 'json'])).stdout)
    expect(vm.map((o) => (o.metadata as Obj).id)).toEqual(['loop0', 'vda'])
    for (const o of vm) expect(keys(o.spec)).not.toContain('symlinks')
    expect((vm[1]!.spec as Obj).transport).toBe('virtio')
  })

  it('prints links with the reference key sets for lo and a physical NIC', async () => {
    const l = await lab()
    const objects = parseAll((await run(l, ['get', 'links', '-i', '-n', '127.0.10.11', '-o', 'json'])).stdout)
    const [refLo, refNic] = referenceObjects(LINKS_JSON)
    const lo = objects.find((o) => (o.metadata as Obj).id === 'lo')!
    const nic = objects.find((o) => (o.metadata as Obj).id === 'enp1s0')!
    expect(keys(lo.spec)).toEqual(keys(refLo!.spec))
    expect(keys(nic.spec)).toEqual(keys(refNic!.spec))
    expect((nic.spec as Obj).driverVersion).toBe('6.12.62-talos')
    expect(objects.map((o) => (o.metadata as Obj).id)).toEqual([...objects.map((o) => (o.metadata as Obj).id as string)].sort())
  })

  it('prints the default route with dst "" and the reference key set', async () => {
    const l = await lab()
    const objects = parseAll((await run(l, ['get', 'routes', '-i', '-n', '127.0.10.11', '-o', 'json'])).stdout)
    const [refDefault] = referenceObjects(ROUTES_JSON)
    const def = objects.find((o) => (o.spec as Obj).dst === '' && (o.spec as Obj).gateway !== '')!
    expect(keys(def.spec)).toEqual(keys(refDefault!.spec))
    expect((def.metadata as Obj).id).toBe('inet4/127.0.10.1//1024')
    expect(def.spec).toMatchObject({ outLinkName: 'enp1s0', scope: 'global', protocol: 'boot', src: '127.0.10.11' })
  })

  it('prints machinestatus, addresses and version with the reference spec keys', async () => {
    const l = await lab()
    const ms = parseAll((await run(l, ['get', 'machinestatus', '-i', '-n', '127.0.10.11', '-o', 'json'])).stdout)
    expect(ms).toHaveLength(1)
    expect(ms[0]!.spec).toEqual({ stage: 'maintenance', status: { ready: true, unmetConditions: [] } })
    expect((ms[0]!.metadata as Obj).type).toBe('MachineStatuses.runtime.talos.dev')
    const addr = parseAll((await run(l, ['get', 'addresses', '-i', '-n', '127.0.10.11', '-o', 'json'])).stdout)
    const global = addr.find((o) => (o.metadata as Obj).id === 'enp1s0/127.0.10.11/24')!
    expect(keys(global.spec)).toEqual(['address', 'family', 'flags', 'linkIndex', 'linkName', 'priority', 'scope'])
    const version = parseAll((await run(l, ['get', 'version', '-i', '-n', '127.0.10.11', '-o', 'json'])).stdout)
    expect(version[0]!.spec).toEqual({ version: 'v1.11.6' })
  })

  it('prints nothing and exits 0 for an empty list (no system disk on a fresh boot)', async () => {
    const l = await lab()
    const r = await fake(l, ['get', 'systemdisk', '--insecure', '-n', '127.0.10.11', '-o', 'json'])
    expect(r).toEqual({ stdout: '', stderr: '', exitCode: 0 })
  })

  it('resolves type names case-insensitively, by alias, short form and full type', async () => {
    const l = await lab()
    const ids = async (type: string): Promise<string[]> =>
      parseAll((await run(l, ['get', type, '-i', '-n', '127.0.10.11', '-o', 'json'])).stdout).map((o) => (o.metadata as Obj).type as string)
    for (const name of ['disks', 'disk', 'DISK', 'Disks.block.talos.dev', 'disks.block']) {
      expect(new Set(await ids(name))).toEqual(new Set(['Disks.block.talos.dev']))
    }
    expect(await ids('RAM')).toEqual(['MemoryModules.hardware.talos.dev', 'MemoryModules.hardware.talos.dev'])
    expect(await ids('cpu')).toEqual(['CPUs.hardware.talos.dev'])
    for (const name of ['link', 'routes', 'address', 'hostname', 'resolvers', 'systeminformation', 'nodeaddresses', 'hardwareaddresses', 'discoveredvolumes']) {
      expect((await ids(name)).length).toBeGreaterThan(0)
    }
  })

  it('does not know the version resource on Talos v1.9', async () => {
    const l = await lab()
    const r = await run(l, ['get', 'version', '-i', '-n', '127.0.10.13', '-o', 'json'])
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toBe('1 error occurred:\n\t* rpc error: code = NotFound desc = resource "version" is not registered\n\n\n')
  })

  it('prints YAML documents with node first (empty under --insecure) and --- between them', async () => {
    const l = await lab()
    const r = await run(l, ['get', 'disks', '-i', '-n', '127.0.10.11', '-o', 'yaml'])
    const docs = r.stdout.split('---\n')
    expect(docs).toHaveLength(3)
    for (const d of docs) expect(d.startsWith('node: \nmetadata:\n    namespace: runtime\n    type: Disks.block.talos.dev\n')).toBe(true)
    expect(docs[1]).toContain('spec:\n    dev_path: /dev/nvme0n1\n    size: 1000204886016\n')
  })

  it('prints a table whose header matches the reference links table, with an empty NODE column', async () => {
    const l = await lab()
    const r = await run(l, ['get', 'links', '-i', '-n', '127.0.10.11'])
    const refHeader = LINKS_TABLE.split('\n')[0]!.split(/ {3,}/)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines[0]!.split(/ {3,}/)).toEqual(refHeader)
    const lo = lines.find((x) => / lo /.test(x))!
    expect(lo).toMatch(/^ {7}network {5}LinkStatus {3}lo {8}1 /)
    // tabwriter alignment: every row starts its ID column where the header does
    const idAt = lines[0]!.indexOf(' ID ') + 1
    for (const line of lines.slice(1)) expect(line[idAt - 1]).toBe(' ')
  })

  it('prints the header alone when a table has no rows', async () => {
    const l = await lab()
    const r = await run(l, ['get', 'systemdisk', '-i', '-n', '127.0.10.11'])
    expect(r.stdout).toBe('NODE   NAMESPACE   TYPE   ID   VERSION   DISK\n')
  })

  it('evaluates -o jsonpath over the same map as JSON', async () => {
    const l = await lab()
    const r = await run(l, ['get', 'machinestatus', '-i', '-n', '127.0.10.11', '-o', 'jsonpath={.spec.stage}'])
    expect(r.stdout).toBe('maintenance\n')
  })
})
