import { spawn } from 'node:child_process'
import { existsSync, promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CLI, runWild } from '../../helpers/cli'
import { startFakeFactory, VANILLA_ID, type FakeFactory } from '../../helpers/fake-factory'
import { makeTempDir } from '../../helpers/tmp'

let factory: FakeFactory
let dataDir: string
const setDir = () => join(dataDir, 'instances', 'lab', 'pxe', `${VANILLA_ID}@v1.11.5`, 'amd64')
const wild = (...args: string[]) => runWild(['--data-dir', dataDir, ...args], { HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '' })

beforeEach(async () => {
  factory = await startFakeFactory()
  dataDir = await makeTempDir()
  expect((await wild('instance', 'create', 'lab')).code).toBe(0)
})

afterEach(async () => {
  await factory.close()
  await fs.rm(dataDir, { recursive: true, force: true })
})

describe('wild assets', () => {
  it('downloads with progress on stderr, then lists and verifies as JSON', async () => {
    factory.setAlwaysFault({ kind: 'slow', chunk: 4096, everyMs: 25 }) // the kernel takes about 2 s
    const dl = await wild('--json', 'assets', 'download', '--factory-url', factory.url, '--version', 'v1.11.5', '--type', 'kernel,cmdline')
    expect(dl.code).toBe(0)
    expect(dl.stderr).toMatch(/kernel v1\.11\.5 amd64: [\d.]+ KiB of [\d.]+ KiB \(\d+%\)/)
    const assets = dl.json() as Record<string, unknown>[]
    expect(assets.map((a) => [a.type, a.downloaded])).toEqual([
      ['kernel', true],
      ['cmdline', true]
    ])
    expect(assets[0]).toMatchObject({
      version: 'v1.11.5',
      path: join(setDir(), 'kernel'),
      size: factory.size('kernel-amd64'),
      sha256: factory.sha256(VANILLA_ID, 'v1.11.5', 'kernel-amd64')
    })

    const list = await wild('--json', 'assets', 'list', '--version', 'v1.11.5', '--arch', 'amd64')
    expect((list.json() as { type: string; state: string }[]).map((a) => [a.type, a.state])).toEqual([
      ['kernel', 'downloaded'],
      ['initramfs', 'missing'],
      ['iso', 'missing'],
      ['cmdline', 'downloaded']
    ])
    expect((await wild('assets', 'verify', '--talos-version', 'v1.11.5')).code).toBe(0)

    const del = await wild('--json', 'assets', 'delete', '--version', 'v1.11.5', '--type', 'kernel')
    expect(del.json()).toEqual({ deleted: [join(setDir(), 'kernel')] })
  })

  it('exits 1 with a JSON NOT_FOUND error for a version the factory lacks', async () => {
    const r = await wild('--json', 'assets', 'download', '--factory-url', factory.url, '--talos-version', 'v9.9.9', '--type', 'kernel')
    expect(r.code).toBe(1)
    expect(r.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringMatching(/HTTP 404/) } })
  })

  it('exits 1 with VALIDATION for a bad option value', async () => {
    const r = await wild('--json', 'assets', 'list', '--arch', 'sparc')
    expect(r.code).toBe(1)
    expect((r.json() as { error: { code: string } }).error.code).toBe('VALIDATION')
  })

  it('cancels on Ctrl-C: no file in place, the .part kept, no connection left', async () => {
    factory.setAlwaysFault({ kind: 'slow', chunk: 4096, everyMs: 50 })
    const child = spawn(
      process.execPath,
      [CLI, '--data-dir', dataDir, '--json', 'assets', 'download', '--factory-url', factory.url, '--talos-version', 'v1.11.5', '--type', 'iso'],
      {
        env: { ...process.env, HTTP_PROXY: '', http_proxy: '' }
      }
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const exited = new Promise<string>((r) => child.on('exit', (code, sig) => r(`${code ?? sig}`)))
    const part = join(setDir(), 'talos.iso.part')
    for (let i = 0; i < 500 && ((await fs.stat(part).catch(() => null))?.size ?? 0) < 8192; i++) await new Promise((r) => setTimeout(r, 20))
    child.kill('SIGINT')
    expect({ exit: await exited, stdout, stderr }).toMatchObject({ exit: '1' })
    expect(JSON.parse(stdout)).toMatchObject({ error: { code: 'CANCELLED' } })
    expect(existsSync(join(setDir(), 'talos.iso'))).toBe(false)
    expect(existsSync(part)).toBe(true)
    for (let i = 0; i < 100 && factory.openConnections() > 0; i++) await new Promise((r) => setTimeout(r, 20))
    expect(factory.openConnections()).toBe(0)
  })

  it('creates a schematic and lists extensions without needing an instance', async () => {
    const s = await wild('--json', 'assets', 'schematic', 'siderolabs/i915', '--factory-url', factory.url)
    expect(s.code).toBe(0)
    expect((s.json() as { id: string }).id).toMatch(/^[0-9a-f]{64}$/)
    const e = await wild('assets', 'extensions', '--talos-version', 'v1.11.5', '--factory-url', factory.url)
    expect(e.stdout).toMatch(/siderolabs\/intel-ucode\s+Intel microcode/)
  })
})
