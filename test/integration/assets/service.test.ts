import { existsSync, promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAssetService, type AssetService } from '@core/assets/service'
import type { StatFs } from '@core/assets/disk'
import { AppError } from '@shared/errors'
import { createFakeOperations } from '../../helpers/fake-operations'
import { CMDLINE_AMD64, startFakeFactory, VANILLA_ID, type FakeFactory } from '../../helpers/fake-factory'
import { makeTempDir } from '../../helpers/tmp'

let factory: FakeFactory
let dataDir: string
let ops: ReturnType<typeof createFakeOperations>
let svc: AssetService
const instance = 'lab'
/** The instance's Talos defaults, which the service reads when a call names no version. */
const CONFIG = 'cluster:\n  name: lab\n  nodes:\n    talos:\n      version: v1.11.5\n      schematicId: ""\n'
const setDir = () => join(dataDir, 'instances', instance, 'pxe', `${VANILLA_ID}@v1.11.5`, 'amd64')

function service(over: { statfs?: StatFs } = {}): AssetService {
  return createAssetService({
    dataDir,
    factoryUrl: factory.url,
    operations: ops,
    env: {},
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    stallTimeoutMs: 300,
    headersTimeoutMs: 2000,
    ...over
  })
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err
  )
  expect(e).toBeInstanceOf(AppError)
  return e as AppError
}

async function downloadAll(input: Parameters<AssetService['download']>[0] = { instance }) {
  const op = await svc.download(input)
  return ops.wait(instance, op.id)
}

beforeEach(async () => {
  factory = await startFakeFactory()
  dataDir = await makeTempDir()
  await fs.mkdir(join(dataDir, 'instances', instance), { recursive: true })
  await fs.writeFile(join(dataDir, 'instances', instance, 'config.yaml'), CONFIG)
  ops = createFakeOperations()
  svc = service()
})

afterEach(async () => {
  await svc.close()
  await factory.close()
  await fs.rm(dataDir, { recursive: true, force: true })
})

describe('asset service', () => {
  it('lists the configured set as missing before anything is downloaded', async () => {
    const list = await svc.list({ instance })
    expect(list.map((a) => [a.type, a.state, a.version, a.arch, a.schematicId])).toEqual([
      ['kernel', 'missing', 'v1.11.5', 'amd64', VANILLA_ID],
      ['initramfs', 'missing', 'v1.11.5', 'amd64', VANILLA_ID],
      ['iso', 'missing', 'v1.11.5', 'amd64', VANILLA_ID],
      ['cmdline', 'missing', 'v1.11.5', 'amd64', VANILLA_ID]
    ])
    expect(list[0]!.url).toBe(`${factory.url}/image/${VANILLA_ID}/v1.11.5/kernel-amd64`)
  })

  it('downloads a set as one download operation with steps, bytes and a manifest of hashes', async () => {
    const op = await svc.download({ instance })
    expect(op).toMatchObject({ type: 'download', target: 'cmdline, kernel, initramfs.xz, talos.iso v1.11.5 amd64' })
    const final = await ops.wait(instance, op.id)
    expect(final.status).toBe('completed')
    expect(final.steps.map((s) => [s.name, s.status])).toEqual([
      ['Check sizes and free space', 'completed'],
      ['Download cmdline', 'completed'],
      ['Download kernel', 'completed'],
      ['Download initramfs.xz', 'completed'],
      ['Download talos.iso', 'completed']
    ])
    const total = ['kernel-amd64', 'initramfs-amd64.xz', 'metal-amd64.iso', 'cmdline-metal-amd64'].reduce((s, f) => s + factory.size(f), 0)
    expect(ops.held.get(op.id)!.bytes.at(-1)).toEqual([total, total])

    expect((await fs.readdir(setDir())).sort()).toEqual(['cmdline', 'initramfs.xz', 'kernel', 'manifest.json', 'talos.iso'])
    const manifest = JSON.parse(await fs.readFile(join(setDir(), 'manifest.json'), 'utf8'))
    expect(manifest.assets.iso.sha256).toBe(factory.sha256(VANILLA_ID, 'v1.11.5', 'metal-amd64.iso'))
    expect(manifest.assets.kernel.sha256).toBe(factory.sha256(VANILLA_ID, 'v1.11.5', 'kernel-amd64'))

    const list = await svc.list({ instance })
    expect(list.every((a) => a.state === 'downloaded' && a.downloaded)).toBe(true)
    expect(list.find((a) => a.type === 'iso')).toMatchObject({
      size: factory.size('metal-amd64.iso'),
      path: join(setDir(), 'talos.iso'),
      sha256: manifest.assets.iso.sha256
    })
    expect(await svc.path({ instance, type: 'iso' })).toBe(join(setDir(), 'talos.iso'))
  })

  it('skips files already downloaded when run again', async () => {
    await downloadAll({ instance, types: ['kernel'] })
    const gets = factory.imageGets().length
    const again = await downloadAll({ instance, types: ['kernel', 'cmdline'] })
    expect(again.steps.find((s) => s.name === 'Download kernel')).toMatchObject({ status: 'skipped', message: 'already downloaded' })
    expect(factory.imageGets().length - gets).toBe(1)
  })

  it('verifies good files and catches corrupted bytes with both hashes', async () => {
    await downloadAll({ instance, types: ['kernel', 'iso'] })
    const ok = await svc.verify({ instance })
    expect(ok.map((a) => [a.type, a.state])).toEqual([
      ['kernel', 'downloaded'],
      ['iso', 'downloaded']
    ])

    const iso = join(setDir(), 'talos.iso')
    const fh = await fs.open(iso, 'r+')
    await fh.write(Buffer.from([0x00, 0x01, 0x02]), 0, 3, 1000)
    await fh.close()
    const e = await failure(svc.verify({ instance }))
    expect(e.code).toBe('CHECKSUM_MISMATCH')
    const expected = factory.sha256(VANILLA_ID, 'v1.11.5', 'metal-amd64.iso')
    expect(e.message).toContain(expected)
    expect(e.details).toEqual([{ type: 'iso', path: iso, expected, actual: expect.stringMatching(/^[0-9a-f]{64}$/) }])
    expect((e.details as { actual: string }[])[0]!.actual).not.toBe(expected)
    expect((await svc.list({ instance })).find((a) => a.type === 'iso')!.state).toBe('corrupt')

    // a plain download replaces the corrupt file
    await downloadAll({ instance, types: ['iso'] })
    expect((await svc.verify({ instance, types: ['iso'] }))[0]!.state).toBe('downloaded')
  })

  it('shows a .part as partial and a file without a record as unknown', async () => {
    await fs.mkdir(setDir(), { recursive: true })
    await fs.writeFile(join(setDir(), 'kernel.part'), Buffer.alloc(1234))
    await fs.writeFile(join(setDir(), 'talos.iso'), Buffer.alloc(10))
    const list = await svc.list({ instance })
    expect(list.find((a) => a.type === 'kernel')).toMatchObject({ state: 'partial', size: 1234, downloaded: false })
    expect(list.find((a) => a.type === 'iso')).toMatchObject({ state: 'unknown', size: 10, sha256: null, downloaded: false })
    await expect(svc.path({ instance, type: 'iso' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('deletes files, partial downloads and records, then the empty set folder', async () => {
    await downloadAll({ instance, types: ['kernel', 'cmdline'] })
    await fs.writeFile(join(setDir(), 'initramfs.xz.part'), 'x')
    const { deleted } = await svc.delete({ instance })
    expect(deleted.sort()).toEqual([join(setDir(), 'cmdline'), join(setDir(), 'initramfs.xz.part'), join(setDir(), 'kernel')].sort())
    expect(existsSync(join(dataDir, 'instances', instance, 'pxe', `${VANILLA_ID}@v1.11.5`))).toBe(false)
  })

  it('refuses to start when the disk cannot hold the download, saying how much is needed', async () => {
    await svc.close()
    svc = service({ statfs: async () => ({ bavail: 10, bsize: 4096 }) })
    const final = await downloadAll()
    expect(final.status).toBe('failed')
    expect(final.error?.code).toBe('DISK_FULL')
    expect(final.error?.message).toMatch(/needs 2\.\d MiB .* only 40\.0 KiB is free/)
    expect(factory.imageGets()).toHaveLength(0)
    expect(existsSync(setDir())).toBe(false)
  })

  it('fails with NOT_FOUND for a version the factory does not have, leaving no file', async () => {
    const final = await downloadAll({ instance, version: 'v9.9.9', types: ['kernel'] })
    expect(final).toMatchObject({ status: 'failed', failedStep: 'Check sizes and free space' })
    expect(final.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/kernel-amd64 for Talos v9\.9\.9.*HTTP 404/) })
    const dir = join(dataDir, 'instances', instance, 'pxe', `${VANILLA_ID}@v9.9.9`, 'amd64')
    expect(existsSync(dir)).toBe(false)
  })

  it('cancels through the operation: no file in place, the .part kept, no socket left open', async () => {
    factory.faults.push({ kind: 'slow', chunk: 16_384, everyMs: 20 })
    const op = await svc.download({ instance, types: ['iso'] })
    const part = join(setDir(), 'talos.iso.part')
    for (let i = 0; i < 500 && ((await fs.stat(part).catch(() => null))?.size ?? 0) < 20_000; i++) await new Promise((r) => setTimeout(r, 10))
    const final = await ops.cancel(instance, op.id)
    expect(final.status).toBe('cancelled')
    expect(final.error?.code).toBe('CANCELLED')
    expect(existsSync(join(setDir(), 'talos.iso'))).toBe(false)
    expect(existsSync(part)).toBe(true)
    for (let i = 0; i < 200 && factory.openConnections() > 0; i++) await new Promise((r) => setTimeout(r, 10))
    expect(factory.openConnections()).toBe(0)
  })

  it('refuses a second download of the same set while one runs', async () => {
    factory.faults.push({ kind: 'slow', chunk: 65_536, everyMs: 30 })
    const op = await svc.download({ instance, types: ['iso'] })
    await expect(svc.download({ instance })).rejects.toMatchObject({ code: 'BUSY' })
    await expect(svc.delete({ instance })).rejects.toMatchObject({ code: 'BUSY' })
    expect((await ops.wait(instance, op.id)).status).toBe('completed')
    await expect(downloadAll({ instance, types: ['kernel'] })).resolves.toMatchObject({ status: 'completed' })
  })

  it('writes an iPXE script for the downloaded set with the factory command line', async () => {
    await expect(svc.ipxe({ instance, baseUrl: 'http://192.168.1.10:8080/pxe' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await downloadAll({ instance, types: ['kernel', 'initramfs', 'cmdline'] })
    const script = await svc.ipxe({ instance, baseUrl: 'http://192.168.1.10:8080/pxe/', extraArgs: ['talos.config=http://192.168.1.10/c'] })
    const root = `http://192.168.1.10:8080/pxe/${VANILLA_ID}@v1.11.5/amd64`
    expect(script).toBe(
      [
        '#!ipxe',
        '',
        'imgfree',
        `kernel ${root}/kernel ${CMDLINE_AMD64.trim()} talos.config=http://192.168.1.10/c`,
        `initrd ${root}/initramfs.xz`,
        'boot',
        ''
      ].join('\n')
    )
  })

  it('creates schematics from a sorted, de-duplicated extension list', async () => {
    const a = await svc.createSchematic(['siderolabs/i915', 'siderolabs/intel-ucode', 'siderolabs/i915'])
    const b = await svc.createSchematic(['siderolabs/intel-ucode', 'siderolabs/i915'])
    expect(a.id).toMatch(/^[0-9a-f]{64}$/)
    expect(b.id).toBe(a.id)
    expect(factory.schematicBodies[0]).toBe(
      'customization:\n  systemExtensions:\n    officialExtensions:\n      - siderolabs/i915\n      - siderolabs/intel-ucode\n'
    )
    expect((await svc.createSchematic([])).id).toBe(VANILLA_ID)
  })

  it('lists official extensions for a version, and NOT_FOUND for an unknown one', async () => {
    const list = await svc.listExtensions('v1.11.5')
    expect(list.map((e) => e.name)).toEqual(['siderolabs/intel-ucode', 'siderolabs/i915'])
    await expect(svc.listExtensions('v0.0.1')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('says NOT_FOUND for an instance that does not exist', async () => {
    await expect(svc.list({ instance: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/no instance named "nope"/) })
  })
})
