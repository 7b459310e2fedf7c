import { spawn } from 'node:child_process'
import { existsSync, promises as fs } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Operation } from '@shared/contract/operations'
import { createOperationStore } from '@core/operations/store'
import { CLI, runWild } from '../../helpers/cli'
import { startFakeFactory, VANILLA_ID, type FakeFactory } from '../../helpers/fake-factory'
import { makeTempDir } from '../../helpers/tmp'

const NO_PROXY = { HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '' }
/** The owner promises a heartbeat this often, so a reader calls it silent after a few of these, not 30 s. */
const HEARTBEAT_MS = '400'

let factory: FakeFactory
let dataDir: string
let owner: ReturnType<typeof spawn> | null = null
const opsDir = () => join(dataDir, 'instances', 'lab', 'operations')
const part = () => join(dataDir, 'instances', 'lab', 'pxe', `${VANILLA_ID}@v1.11.5`, 'amd64', 'talos.iso.part')
const partSize = async () => (await fs.stat(part()).catch(() => null))?.size ?? 0
const rawStatus = async (id: string) => (JSON.parse(await fs.readFile(join(opsDir(), `${id}.json`), 'utf8')) as Operation).status

async function until<T>(what: string, get: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await get()
    if (v) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await sleep(25)
  }
}

beforeEach(async () => {
  factory = await startFakeFactory()
  dataDir = await makeTempDir()
  expect((await runWild(['--data-dir', dataDir, 'instance', 'create', 'lab'])).code).toBe(0)
})

afterEach(async () => {
  // Never leave a stopped process behind, whatever the test did.
  if (owner && owner.exitCode === null && owner.signalCode === null) {
    owner.kill('SIGCONT')
    owner.kill('SIGKILL')
  }
  owner = null
  await factory.close()
  await fs.rm(dataDir, { recursive: true, force: true })
})

describe.skipIf(process.platform === 'win32')('interrupted is final', () => {
  it('a stopped downloader declared interrupted by another process stays interrupted after SIGCONT and stops its work', async () => {
    factory.setAlwaysFault({ kind: 'slow', chunk: 4096, everyMs: 100 }) // the ISO would take about 30 s
    const child = spawn(
      process.execPath,
      [CLI, '--data-dir', dataDir, '--json', 'assets', 'download', '--factory-url', factory.url, '--talos-version', 'v1.11.5', '--type', 'iso'],
      { env: { ...process.env, WILD_CENTRAL_DATA: '', ...NO_PROXY, WILD_OPS_HEARTBEAT_MS: HEARTBEAT_MS } }
    )
    owner = child
    let stdout = ''
    child.stdout!.on('data', (d) => (stdout += d))
    child.stderr!.on('data', () => {})
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))

    const id = await until('the op file', async () => (await fs.readdir(opsDir()).catch(() => [])).find((n) => n.endsWith('.json'))?.slice(0, -5))
    await until('the download to write', async () => (await partSize()) >= 8192)

    child.kill('SIGSTOP')
    const sizeWhenStopped = await partSize()
    await sleep(2500) // longer than three promised heartbeats

    const shown = await runWild(['--data-dir', dataDir, '--json', 'ops', 'show', id])
    const declared = shown.json() as Operation
    expect(declared.status).toBe('interrupted')
    expect(declared.message).toMatch(/no heartbeat/)
    expect(await rawStatus(id)).toBe('interrupted')

    child.kill('SIGCONT')
    // The owner wakes up, finds its op taken and must not bring it back to "running". Looked at
    // as every reader does (a rename the owner had in flight when stopped may still land, but
    // the declaration outranks it).
    const store = createOperationStore(dataDir)
    const statuses = new Set<string>()
    let code: number | null | undefined
    void exited.then((c) => (code = c))
    const deadline = Date.now() + 15_000
    while (code === undefined && Date.now() < deadline) {
      statuses.add((await store.read('lab', id))?.op.status ?? 'missing')
      await sleep(20)
    }
    expect({ code, statuses: [...statuses] }).toEqual({ code: 1, statuses: ['interrupted'] })
    expect(JSON.parse(stdout)).toMatchObject({ error: { code: 'CONFLICT', message: expect.stringMatching(/interrupted/) } })

    const after = (await runWild(['--data-dir', dataDir, '--json', 'ops', 'show', id])).json() as Operation
    expect(after.status).toBe('interrupted')
    expect(await rawStatus(id)).toBe('interrupted')
    // It stopped within moments of waking: far from the whole ISO, nothing renamed into place.
    const sizeAtExit = await partSize()
    expect(sizeAtExit - sizeWhenStopped).toBeLessThan(factory.size('metal-amd64.iso') / 2)
    expect(existsSync(part().slice(0, -'.part'.length))).toBe(false)
    await sleep(300)
    expect(await partSize()).toBe(sizeAtExit)
  })
})
