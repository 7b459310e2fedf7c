import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAssetService } from '@core/assets/service'
import { EventBus } from '@core/event-bus'
import { createOperationsRegistry } from '@core/operations/registry'
import { createFakeOperations } from '../../helpers/fake-operations'
import { CLI, runWild } from '../../helpers/cli'
import { startFakeFactory, VANILLA_ID, type FakeFactory } from '../../helpers/fake-factory'
import { makeTempDir } from '../../helpers/tmp'

let factory: FakeFactory
let dataDir: string
const iso = () => join(dataDir, 'instances', 'lab', 'pxe', `${VANILLA_ID}@v1.11.5`, 'amd64', 'talos.iso')
const noProxy = { HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '' }
const wild = (...args: string[]) => runWild(['--data-dir', dataDir, ...args], noProxy)
const DOWNLOAD_ISO = ['--json', 'assets', 'download', '--factory-url', '', '--version', 'v1.11.5', '--type', 'iso']
const downloadArgs = () => DOWNLOAD_ISO.map((a, i) => (i === 4 ? factory.url : a))
const sha256 = async (path: string) =>
  createHash('sha256')
    .update(await fs.readFile(path))
    .digest('hex')

async function expectCompleteIso(): Promise<void> {
  expect((await fs.stat(iso())).size).toBe(factory.size('metal-amd64.iso'))
  expect(await sha256(iso())).toBe(factory.sha256(VANILLA_ID, 'v1.11.5', 'metal-amd64.iso'))
  // Read in-process: the same code the CLI runs, without starting another process.
  const svc = createAssetService({ dataDir, factoryUrl: factory.url, operations: createFakeOperations(), env: {} })
  try {
    expect((await svc.list({ instance: 'lab', version: 'v1.11.5' })).find((a) => a.type === 'iso')!.state).toBe('downloaded')
  } finally {
    await svc.close()
  }
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

beforeEach(async () => {
  factory = await startFakeFactory()
  dataDir = await makeTempDir()
  expect((await wild('instance', 'create', 'lab')).code).toBe(0)
})

afterEach(async () => {
  await factory.close()
  await fs.rm(dataDir, { recursive: true, force: true })
})

describe('two downloads of the same asset in different processes', () => {
  it('two `wild assets download` runs: one downloads, the other waits and finds it complete, both exit 0', async () => {
    factory.setAlwaysFault({ kind: 'slow', chunk: 16_384, everyMs: 40 }) // about 3 s for the ISO
    const [a, b] = await Promise.all([wild(...downloadArgs()), wild(...downloadArgs())])
    expect({ a: a.code, b: b.code, stderr: a.stderr + b.stderr }).toMatchObject({ a: 0, b: 0 })
    await expectCompleteIso()
    expect(factory.imageGets()).toHaveLength(1)
    const registry = createOperationsRegistry({ dataDir, events: new EventBus() })
    const logs = (await registry.list('lab')).map((o) => o.logTail.join('\n')).join('\n')
    await registry.close()
    expect(logs).toMatch(/Waiting for operation op_download_\w+ \(process \d+\), which is downloading talos\.iso/)
    expect(logs).toMatch(/talos\.iso was downloaded by operation op_download_\w+ meanwhile/)
  })

  it("the CLI waits while the app downloads the same file, naming the app's operation", async () => {
    // The app's transfer stalls (holding its lock) until the test cancels it: no race on timing.
    factory.faults.push({ kind: 'stall', afterBytes: 100_000 })
    const ops = createFakeOperations()
    const app = createAssetService({ dataDir, factoryUrl: factory.url, operations: ops, env: {} })
    try {
      const op = await app.download({ instance: 'lab', version: 'v1.11.5', types: ['iso'] })
      await until(async () => ((await fs.stat(`${iso()}.part`).catch(() => null))?.size ?? 0) >= 100_000, 'the app to write')

      const child = spawn(process.execPath, [CLI, '--data-dir', dataDir, ...downloadArgs()], { env: { ...process.env, ...noProxy } })
      let stderr = ''
      child.stderr.on('data', (d) => (stderr += d))
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
      await until(() => stderr.includes(`Waiting for operation ${op.id} (process ${process.pid})`), 'the CLI to wait')
      expect(factory.imageGets()).toHaveLength(1) // the CLI has not touched the file

      expect((await ops.cancel('lab', op.id)).status).toBe('cancelled')
      expect(await exited).toBe(0)
      // It took over the app's partial file where the app stopped.
      expect(factory.imageGets().map((g) => g.range)).toEqual([null, 'bytes=100000-'])
      await expectCompleteIso()
    } finally {
      await app.close()
    }
  })
})
