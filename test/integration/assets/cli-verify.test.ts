import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runWild } from '../../helpers/cli'
import { VANILLA_ID } from '../../helpers/fake-factory'
import { makeTempDir } from '../../helpers/tmp'

// No factory needed: the files are put in place by hand, as an older tool or a copy would.
let dataDir: string
const setDir = () => join(dataDir, 'instances', 'lab', 'pxe', `${VANILLA_ID}@v1.11.5`, 'amd64')
const manifest = () => join(setDir(), 'manifest.json')
const config = () => join(dataDir, 'instances', 'lab', 'config.yaml')
const wild = (...args: string[]) => runWild(['--data-dir', dataDir, ...args])
const KERNEL = Buffer.from('a kernel put here by hand\n')
const kernelSha = createHash('sha256').update(KERNEL).digest('hex')

beforeEach(async () => {
  dataDir = await makeTempDir()
  expect((await wild('instance', 'create', 'lab')).code).toBe(0)
  await fs.mkdir(setDir(), { recursive: true })
  await fs.writeFile(join(setDir(), 'kernel'), KERNEL)
})

afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true })
})

describe('wild assets verify without a recorded checksum', () => {
  it('answers "unknown: no checksum recorded" and exits 1 when manifest.json is missing; --record creates it', async () => {
    const r = await wild('assets', 'verify', '--version', 'v1.11.5')
    expect({ code: r.code, out: r.stdout + r.stderr }).toMatchObject({ code: 1 })
    expect(r.stdout + r.stderr).toMatch(/unknown: no checksum recorded for kernel/)
    expect(r.stdout).not.toMatch(/Verified/)

    const rec = await wild('--json', 'assets', 'verify', '--version', 'v1.11.5', '--record')
    expect(rec.code).toBe(0)
    expect(rec.json()).toEqual([expect.objectContaining({ type: 'kernel', state: 'downloaded', sha256: kernelSha })])
    const written = JSON.parse(await fs.readFile(manifest(), 'utf8'))
    expect(written.assets.kernel).toMatchObject({ sha256: kernelSha, size: KERNEL.length, corrupt: false })

    const again = await wild('assets', 'verify', '--version', 'v1.11.5')
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/Verified/)
  })

  it('treats a garbage manifest.json as no record, without crashing', async () => {
    for (const garbage of ['{not json', JSON.stringify({ schemaVersion: 1, assets: { kernel: { sha256: 'zz' } } })]) {
      await fs.writeFile(manifest(), garbage)
      const r = await wild('--json', 'assets', 'verify', '--version', 'v1.11.5')
      expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 1, stderr: expect.stringMatching(/unknown: no checksum recorded for kernel/) })
      expect(r.json()).toEqual([expect.objectContaining({ type: 'kernel', state: 'unknown' })])
    }
  })

  it('--record does not overwrite a record the file no longer matches', async () => {
    expect((await wild('assets', 'verify', '--version', 'v1.11.5', '--record')).code).toBe(0)
    await fs.writeFile(join(setDir(), 'kernel'), Buffer.from('a kernel put here by hand\u0000'))
    const r = await wild('--json', 'assets', 'verify', '--version', 'v1.11.5', '--record')
    expect(r.code).toBe(1)
    expect((r.json() as { error: { code: string } }).error.code).toBe('CHECKSUM_MISMATCH')
    expect(JSON.parse(await fs.readFile(manifest(), 'utf8')).assets.kernel).toMatchObject({ sha256: kernelSha, corrupt: true })
  })
})

describe('wild assets list with an invalid config.yaml', () => {
  it('reports CONFIG_INVALID with the key path and line, not "none in config.yaml"', async () => {
    await fs.writeFile(config(), 'cluster:\n  name: lab\n  nodes:\n    talos:\n      version: 1.11\n')
    const r = await wild('--json', 'assets', 'list')
    expect(r.code).toBe(1)
    const { error } = r.json() as { error: { code: string; message: string } }
    expect(error.code).toBe('CONFIG_INVALID')
    expect(error.message).toMatch(/cluster\.nodes\.talos\.version \(line 5\)/)
    expect(error.message).not.toMatch(/none in config\.yaml/)

    await fs.writeFile(config(), 'cluster:\n  nodes: [\n')
    const broken = await wild('--json', 'assets', 'list', '--version', 'v1.11.5')
    expect(broken.code).toBe(1)
    expect((broken.json() as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringMatching(/line \d/)
    })
  })
})
