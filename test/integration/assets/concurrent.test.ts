import { createHash } from 'node:crypto'
import { existsSync, promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { withAssetLock } from '@core/assets/asset-lock'
import { createAssetService, type AssetService } from '@core/assets/service'
import { createFakeOperations } from '../../helpers/fake-operations'
import { startFakeFactory, VANILLA_ID, type FakeFactory } from '../../helpers/fake-factory'
import { makeTempDir } from '../../helpers/tmp'

// Two services over one data folder stand for the app's core and a `wild` command running in
// the same process (the CLI's --factory-url service): they share the code path and the
// operations registry, but not the service's own "one download per set" map.
let factory: FakeFactory
let dataDir: string
let ops: ReturnType<typeof createFakeOperations>
let services: AssetService[]
const instance = 'lab'
const setDir = () => join(dataDir, 'instances', instance, 'pxe', `${VANILLA_ID}@v1.11.5`, 'amd64')
const iso = () => join(setDir(), 'talos.iso')
const sha256 = async (path: string) =>
  createHash('sha256')
    .update(await fs.readFile(path))
    .digest('hex')

function service(): AssetService {
  const svc = createAssetService({
    dataDir,
    factoryUrl: factory.url,
    operations: ops,
    env: {},
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    stallTimeoutMs: 2000,
    headersTimeoutMs: 2000
  })
  services.push(svc)
  return svc
}

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 10))
  }
}

beforeEach(async () => {
  factory = await startFakeFactory()
  dataDir = await makeTempDir()
  await fs.mkdir(join(dataDir, 'instances', instance), { recursive: true })
  await fs.writeFile(join(dataDir, 'instances', instance, 'config.yaml'), 'cluster:\n  nodes:\n    talos:\n      version: v1.11.5\n')
  ops = createFakeOperations()
  services = []
})

afterEach(async () => {
  for (const s of services) await s.close()
  await factory.close()
  await fs.rm(dataDir, { recursive: true, force: true })
})

describe('one writer per asset', () => {
  it('lets the second download of the same file wait for the first, then find it complete', async () => {
    factory.setAlwaysFault({ kind: 'slow', chunk: 16_384, everyMs: 15 }) // about 1 s for the ISO
    const [app, cli] = [service(), service()]
    const first = await app.download({ instance, types: ['iso'] })
    const second = await cli.download({ instance, types: ['iso'] })
    const [a, b] = await Promise.all([ops.wait(instance, first.id), ops.wait(instance, second.id)])

    expect([a.status, b.status]).toEqual(['completed', 'completed'])
    expect((await fs.stat(iso())).size).toBe(factory.size('metal-amd64.iso'))
    expect(await sha256(iso())).toBe(factory.sha256(VANILLA_ID, 'v1.11.5', 'metal-amd64.iso'))
    expect((await app.list({ instance })).find((r) => r.type === 'iso')!.state).toBe('downloaded')
    expect(factory.imageGets()).toHaveLength(1)
    // The waiting one says who it waited for.
    const waited = [a, b].find((o) => o.logTail.some((l) => /Waiting for operation op_download_\d/.test(l)))
    expect(waited?.logTail.join('\n')).toMatch(/talos\.iso was downloaded by operation op_download_\d/)
  })

  it('never reports success for a file that does not match the bytes it received', async () => {
    factory.setAlwaysFault({ kind: 'slow', chunk: 16_384, everyMs: 20 })
    const svc = service()
    const op = await svc.download({ instance, types: ['iso'] })
    const part = `${iso()}.part`
    await until(async () => ((await fs.stat(part).catch(() => null))?.size ?? 0) >= 32_768)
    // Something outside our lock scribbles over bytes already written (same size, other bytes).
    const fh = await fs.open(part, 'r+')
    await fh.write(Buffer.from('scribble'), 0, 8, 100)
    await fh.close()

    const final = await ops.wait(instance, op.id)
    expect(final.status).toBe('failed')
    expect(final.error).toMatchObject({ code: 'CHECKSUM_MISMATCH', message: expect.stringMatching(/talos\.iso changed on disk while it was downloaded/) })
    expect(existsSync(iso())).toBe(false)
    expect((await svc.list({ instance })).find((r) => r.type === 'iso')!.state).not.toBe('downloaded')
  })

  it('refuses to delete a file another operation is downloading, naming it', async () => {
    const svc = service()
    await fs.mkdir(setDir(), { recursive: true })
    await fs.writeFile(`${iso()}.part`, 'half an ISO')
    let release!: () => void
    let entered!: () => void
    const inside = new Promise<void>((r) => (entered = r))
    // Stands for a download in another process (or another service of this one) holding the file.
    const holder = withAssetLock(
      iso(),
      { operationId: 'op_download_elsewhere', signal: new AbortController().signal, wait: true, what: 'talos.iso' },
      async () => {
        entered()
        await new Promise<void>((r) => (release = r))
      }
    )
    await inside
    await expect(svc.delete({ instance })).rejects.toMatchObject({
      code: 'BUSY',
      message: expect.stringMatching(/talos\.iso is being downloaded by operation op_download_elsewhere/)
    })
    expect(existsSync(`${iso()}.part`)).toBe(true)
    release()
    await holder
    expect((await svc.delete({ instance })).deleted).toEqual([`${iso()}.part`])
  })

  it('a download waiting for another writer can still be cancelled', async () => {
    const svc = service()
    let release!: () => void
    let entered!: () => void
    const inside = new Promise<void>((r) => (entered = r))
    const holder = withAssetLock(
      iso(),
      { operationId: 'op_download_elsewhere', signal: new AbortController().signal, wait: true, what: 'talos.iso' },
      async () => {
        entered()
        await new Promise<void>((r) => (release = r))
      }
    )
    await inside
    const op = await svc.download({ instance, types: ['iso'] })
    await until(async () => ops.held.get(op.id)!.op.message.startsWith('Waiting for operation op_download_elsewhere'))
    const final = await ops.cancel(instance, op.id)
    expect(final.status).toBe('cancelled')
    expect(factory.imageGets()).toHaveLength(0)
    release()
    await holder
  })
})
