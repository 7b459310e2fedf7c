import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { execa } from 'execa'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EventBus } from '@core/event-bus'
import { createOperationsRegistry } from '@core/operations/registry'
import { makeTempDir } from '../../helpers/tmp'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
async function waitUntil(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await sleep(20)
  }
}

let dir: string
beforeEach(async () => {
  dir = await makeTempDir()
})
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true })
})

describe('operations with real processes', () => {
  it('cancelling an op stops the child process it runs, and the op ends cancelled', async () => {
    const ops = createOperationsRegistry({ dataDir: dir, events: new EventBus() })
    let pid = 0
    const op = await ops.start({ type: 'verify', instance: 'home', target: 'child', steps: ['Run child'] }, async (h) => {
      await h.step('Run child', async () => {
        const child = execa(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
          cancelSignal: h.signal,
          forceKillAfterDelay: 2000,
          timeout: 60_000
        })
        pid = child.pid!
        await child
      })
    })
    await waitUntil(() => pid > 0 && alive(pid))
    const after = await ops.cancel('home', op.id)
    expect(after.status).toBe('cancelled')
    expect(after.steps[0]!.status).toBe('cancelled')
    await waitUntil(() => !alive(pid), 3000)
    expect(alive(pid)).toBe(false)
    await ops.close()
  })

  it('an op whose owning process was SIGKILLed becomes interrupted in the next registry, and not before', async () => {
    const owner = execa(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { timeout: 60_000, reject: false })
    const ownerPid = owner.pid!
    const id = 'op_setup_20250101000000_killed'
    const file = join(dir, 'instances', 'home', 'operations', `${id}.json`)
    const now = new Date().toISOString()
    await fs.mkdir(join(dir, 'instances', 'home', 'operations'), { recursive: true })
    await fs.writeFile(
      file,
      JSON.stringify({
        id,
        type: 'setup',
        target: 'cp-1',
        instance: 'home',
        status: 'running',
        message: 'Apply configuration…',
        progress: 40,
        startedAt: now,
        endedAt: null,
        steps: [{ name: 'Apply configuration', status: 'running', startedAt: now, endedAt: null, message: null }],
        currentStep: 'Apply configuration',
        currentStepStartedAt: now,
        bytesDone: null,
        bytesTotal: null,
        bytesPerSecond: null,
        logTail: [],
        failedStep: null,
        error: null,
        owner: { pid: ownerPid, heartbeatAt: Date.now() }
      })
    )
    const whileAlive = createOperationsRegistry({ dataDir: dir, events: new EventBus() })
    expect((await whileAlive.get('home', id)).status).toBe('running')

    owner.kill('SIGKILL')
    await owner
    const afterCrash = createOperationsRegistry({ dataDir: dir, events: new EventBus() })
    const op = await afterCrash.get('home', id)
    expect(op.status).toBe('interrupted')
    expect(op.message).toMatch(/Apply configuration/)
    expect(JSON.parse(await fs.readFile(file, 'utf8')).status).toBe('interrupted')
  })
})
