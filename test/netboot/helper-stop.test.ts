import { execa, type ResultPromise } from 'execa'
import { chown, mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { instancePaths } from '../../src/core/paths'
import { netbootPaths, readPxeStatus } from '../../src/core/pxe/status'
import { prepareInstance } from '../unit/pxe/fixture'
import { createLan, type Lan } from './lan'

// The app starts `wild pxe serve` as root through the system's prompt and then can neither
// signal it (another user) nor keep it past its own life: these are the two ways it stops.
const CLI = resolve('out/cli/wild.js')
const NOBODY = 65534
const abort = new AbortController()
let dir: string
let dataDir: string
let lan: Lan | null = null
const children: ResultPromise[] = []

function serve(extra: string[]): { proc: ResultPromise; err: () => string } {
  let err = ''
  const proc = execa(
    'ip',
    ['netns', 'exec', lan!.laptopNs, process.execPath, CLI, '--data-dir', dataDir, 'pxe', 'serve', '--interface', lan!.laptopIf, ...extra],
    {
      timeout: 60_000,
      cancelSignal: abort.signal,
      reject: false,
      stdin: 'ignore',
      env: { WILD_CENTRAL_DATA: '' }
    }
  )
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  children.push(proc)
  return { proc, err: () => err }
}

async function untilRunning(err: () => string): Promise<number> {
  const deadline = Date.now() + 20_000
  for (;;) {
    const view = await readPxeStatus(dataDir, 'lab')
    if (view.running && view.server) return view.server.pid
    if (Date.now() > deadline) throw new Error(`The server did not come up.\n${err()}`)
    await sleep(100)
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wild-helper-stop-'))
  dataDir = join(dir, 'data')
  await prepareInstance(dataDir, 'lab', { kernel: 'K', initramfs: 'I', cmdline: 'console=ttyS0' })
  // The operator owns the instance; the server runs as root.
  await chown(instancePaths(dataDir, 'lab').root, NOBODY, NOBODY)
  lan = await createLan(abort.signal)
})

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL')
  await Promise.allSettled(children)
  await lan?.destroy()
  await rm(dir, { recursive: true, force: true })
})

describe('the elevated helper stops without a signal from the app', () => {
  it('ends when the app that started it ends (--parent-pid), and leaves netboot/ to the instance owner', async () => {
    const app = execa('sleep', ['600'], { reject: false, cancelSignal: abort.signal })
    children.push(app)
    const server = serve(['--parent-pid', String(app.pid)])
    await untilRunning(server.err)
    const folder = await stat(netbootPaths(dataDir, 'lab').dir)
    const status = await stat(netbootPaths(dataDir, 'lab').status)
    expect([folder.uid, status.uid]).toEqual([NOBODY, NOBODY])

    const killedAt = Date.now()
    app.kill('SIGKILL')
    const done = await server.proc
    expect(done.exitCode).toBe(0)
    expect(Date.now() - killedAt).toBeLessThan(5_000)
    expect(server.err()).toContain(`Stopping: the app that started it (pid ${app.pid}) has ended.`)
    expect((await readPxeStatus(dataDir, 'lab')).running).toBe(false)
  })

  it('`wild pxe stop` from another process stops it and every port is released', async () => {
    const server = serve([])
    const pid = await untilRunning(server.err)
    const stop = await execa(process.execPath, [CLI, '--data-dir', dataDir, 'pxe', 'stop'], { timeout: 30_000, reject: false, env: { WILD_CENTRAL_DATA: '' } })
    expect(stop.stdout).toContain(`Stopped the network boot server of "lab" (pid ${pid})`)
    expect(stop.exitCode).toBe(0)
    expect((await server.proc).exitCode).toBe(0)
    expect(server.err()).toContain('Stopping: a stop was requested.')
    // Ports free again: a new server starts on the same interface at once.
    const again = serve([])
    await untilRunning(again.err)
    again.proc.kill('SIGINT')
    expect((await again.proc).exitCode).toBe(0)
  })
})
