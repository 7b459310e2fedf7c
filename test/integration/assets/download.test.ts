import { createHash } from 'node:crypto'
import { existsSync, promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { downloadFile, type DownloadDeps } from '@core/assets/download'
import { createHttpClient, type HttpClient } from '@core/assets/http'
import { AppError } from '@shared/errors'
import { startFakeFactory, VANILLA_ID, type FakeFactory } from '../../helpers/fake-factory'
import { makeTempDir } from '../../helpers/tmp'

const FILE = 'metal-amd64.iso'
let factory: FakeFactory
let http: HttpClient
let dir: string
let deps: DownloadDeps

const url = () => `${factory.url}/image/${VANILLA_ID}/v1.11.5/${FILE}`
const expected = () => factory.sha256(VANILLA_ID, 'v1.11.5', FILE)
const dest = () => join(dir, 'talos.iso')
const run = (over: Partial<Parameters<typeof downloadFile>[1]> = {}) =>
  downloadFile(deps, { url: url(), dest: dest(), what: 'the ISO', signal: new AbortController().signal, ...over })

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err
  )
  expect(e).toBeInstanceOf(AppError)
  return e as AppError
}

async function until(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 10))
  }
}

beforeEach(async () => {
  factory = await startFakeFactory()
  http = createHttpClient({ env: {} })
  dir = await makeTempDir()
  deps = {
    dispatcher: http.dispatcher,
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    stallTimeoutMs: 300,
    headersTimeoutMs: 2000
  }
})

afterEach(async () => {
  await http.close()
  await factory.close()
  await fs.rm(dir, { recursive: true, force: true })
})

describe('downloadFile', () => {
  it('downloads to the right SHA-256 and leaves no .part behind', async () => {
    const seen: number[] = []
    const r = await run({ onBytes: (d) => seen.push(d) })
    expect(r).toMatchObject({ sha256: expected(), size: factory.size(FILE), resumedFrom: 0 })
    expect(
      createHash('sha256')
        .update(await fs.readFile(dest()))
        .digest('hex')
    ).toBe(expected())
    expect(existsSync(dest() + '.part')).toBe(false)
    expect(seen.at(-1)).toBe(factory.size(FILE))
  })

  it('resumes with a Range request after the server cuts the connection mid-stream', async () => {
    factory.faults.push({ kind: 'cut', afterBytes: 400_000 })
    const logs: string[] = []
    const r = await run({ log: (l) => logs.push(l) })
    expect(r.sha256).toBe(expected())
    const gets = factory.imageGets()
    expect(gets).toHaveLength(2)
    expect(gets[0]!.range).toBeNull()
    expect(gets[1]!.range).toMatch(/^bytes=\d+-$/)
    expect(Number(/bytes=(\d+)-/.exec(gets[1]!.range!)![1])).toBeGreaterThan(0)
    expect(logs.join('\n')).toMatch(/retry 1/)
  })

  it('re-hashes a .part left by an earlier run and continues from its end', async () => {
    const prefix = factory.bytes(VANILLA_ID, 'v1.11.5', FILE).subarray(0, 500_000)
    await fs.writeFile(dest() + '.part', prefix)
    const r = await run()
    expect(r).toMatchObject({ sha256: expected(), resumedFrom: 500_000 })
    expect(factory.imageGets()[0]!.range).toBe('bytes=500000-')
  })

  it('starts over when the server answers 200 to a Range request', async () => {
    await fs.writeFile(dest() + '.part', Buffer.alloc(1000, 0xff)) // wrong bytes: a server ignoring Range must not keep them
    factory.faults.push({ kind: 'ignoreRange' })
    const r = await run()
    expect(r.sha256).toBe(expected())
    expect(factory.imageGets()).toHaveLength(1)
  })

  it('finishes a .part that is already complete when the server says 416', async () => {
    await fs.writeFile(dest() + '.part', factory.bytes(VANILLA_ID, 'v1.11.5', FILE))
    const r = await run()
    expect(r.sha256).toBe(expected())
    expect(existsSync(dest())).toBe(true)
  })

  it('follows a redirect to a CDN', async () => {
    factory.faults.push({ kind: 'redirect' })
    expect((await run()).sha256).toBe(expected())
    expect(factory.requests.some((r) => r.path.startsWith('/cdn/'))).toBe(true)
  })

  it('turns a 404 into NOT_FOUND naming version, schematic and architecture, and writes no file', async () => {
    const e = await failure(run({ url: `${factory.url}/image/${VANILLA_ID}/v9.9.9/${FILE}` }))
    expect(e.code).toBe('NOT_FOUND')
    expect(e.message).toMatch(/HTTP 404.*version, the schematic id and the architecture/)
    expect(existsSync(dest())).toBe(false)
    expect(existsSync(dest() + '.part')).toBe(false)
    expect(factory.imageGets()).toHaveLength(1) // a 4xx is not retried
  })

  it('retries a 500 and then succeeds', async () => {
    factory.faults.push({ kind: 'status', status: 500 }, { kind: 'status', status: 503 })
    expect((await run()).sha256).toBe(expected())
    expect(factory.imageGets()).toHaveLength(3)
  })

  it('gives up on a persistent 500 with an HTTP error after the configured attempts', async () => {
    factory.setAlwaysFault({ kind: 'status', status: 500 })
    const e = await failure(run())
    expect(e.code).toBe('HTTP')
    expect(e.message).toMatch(/HTTP 500/)
    expect(factory.imageGets()).toHaveLength(3)
    expect(existsSync(dest())).toBe(false)
  })

  it('treats a stalled body as a failure, retries, and resumes', async () => {
    factory.faults.push({ kind: 'stall', afterBytes: 200_000 })
    const r = await run()
    expect(r.sha256).toBe(expected())
    expect(factory.imageGets()[1]!.range).toMatch(/^bytes=/)
  })

  it('ends with TIMEOUT when the server keeps stalling', async () => {
    factory.setAlwaysFault({ kind: 'stall', afterBytes: 0 })
    deps.retry = { ...deps.retry, attempts: 2 }
    const e = await failure(run())
    expect(e.code).toBe('TIMEOUT')
    expect(e.message).toMatch(/No data arrived/)
    expect(existsSync(dest())).toBe(false)
  })

  it('cancels: the request is aborted, the .part stays for a resume, nothing is put in place, no socket stays open', async () => {
    factory.faults.push({ kind: 'slow', chunk: 16_384, everyMs: 20 })
    const controller = new AbortController()
    const p = run({ signal: controller.signal })
    await until(async () => ((await fs.stat(dest() + '.part').catch(() => null))?.size ?? 0) > 30_000)
    controller.abort()
    const e = await failure(p)
    expect(e.code).toBe('CANCELLED')
    expect(existsSync(dest())).toBe(false)
    expect(existsSync(dest() + '.part')).toBe(true)
    await until(() => factory.openConnections() === 0)

    // and the next run picks the .part up
    const r = await run()
    expect(r.sha256).toBe(expected())
    expect(r.resumedFrom).toBeGreaterThan(0)
  })

  it('reports DISK_FULL when a write fails with ENOSPC', async () => {
    const full = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' })
    const original = fs.open
    fs.open = (async (...args: Parameters<typeof fs.open>) => {
      const fh = await original(...args)
      fh.writev = async () => {
        throw full
      }
      return fh
    }) as typeof fs.open
    try {
      const e = await failure(run())
      expect(e.code).toBe('DISK_FULL')
    } finally {
      fs.open = original
    }
  })
})
