import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Operation } from '@shared/contract/operations'
import { EventBus } from '@core/event-bus'
import { createOperationsRegistry } from '@core/operations/registry'
import { createOperationStore } from '@core/operations/store'
import { makeTempDir } from '../../helpers/tmp'

let dir: string
let registries: ReturnType<typeof createOperationsRegistry>[]
const opsDir = () => join(dir, 'instances', 'home', 'operations')
const readRaw = async (id: string) => JSON.parse(await fs.readFile(join(opsDir(), `${id}.json`), 'utf8')) as Operation & Record<string, unknown>

function registry() {
  const r = createOperationsRegistry({ dataDir: dir, events: new EventBus(), pollIntervalMs: 30, persistIntervalMs: 20, heartbeatMs: 100 })
  registries.push(r)
  return r
}

beforeEach(async () => {
  dir = await makeTempDir()
  registries = []
})
afterEach(async () => {
  for (const r of registries) await r.close()
  await fs.rm(dir, { recursive: true, force: true })
})

describe('an op declared interrupted by another process', () => {
  it('is never written over by its owner: the job is aborted and the op ends interrupted with who and why', async () => {
    const ops = registry()
    let ticks = 0
    let sawAbort = false
    const op = await ops.start({ type: 'download', instance: 'home', target: 'iso', steps: ['Download'] }, async (h) => {
      await h.step('Download', async () => {
        while (!h.signal.aborted) {
          h.progress(++ticks % 100)
          await sleep(5)
        }
        sawAbort = true
        throw h.signal.reason
      })
    })
    // What another process does when it finds the owner silent: declare, then rewrite the file.
    const store = createOperationStore(dir)
    await store.declareInterrupted('home', op.id, { at: new Date().toISOString(), byPid: 4242, reason: 'its owner (pid 1) sent no heartbeat for 40 s' })

    const done = await ops.wait('home', op.id)
    expect(sawAbort).toBe(true)
    expect(done.status).toBe('interrupted')
    expect(done.error).toMatchObject({ code: 'CONFLICT' })
    expect(done.message).toMatch(/during "Download": its owner \(pid 1\) sent no heartbeat for 40 s; pid 4242 declared it interrupted/)
    const raw = await readRaw(op.id)
    expect(raw.status).toBe('interrupted')
    expect(raw.owner).toBeUndefined()
    expect(raw.interruption).toMatchObject({ byPid: 4242 })
    // A later look from anywhere sees the same.
    expect((await registry().get('home', op.id)).status).toBe('interrupted')
  })

  it('wins over an owner write that slipped in after it', async () => {
    const ops = registry()
    const op = await ops.start({ type: 'verify', instance: 'home', target: 'x' }, (h) => sleep(60_000, undefined, { signal: h.signal }))
    const store = createOperationStore(dir)
    await store.declareInterrupted('home', op.id, { at: new Date().toISOString(), byPid: 4242, reason: 'its owner went quiet' })
    // As if the owner's rename landed just after the declaration.
    const file = join(opsDir(), `${op.id}.json`)
    await fs.writeFile(file, JSON.stringify({ ...(await readRaw(op.id)), status: 'running', owner: { pid: 1, heartbeatAt: Date.now() } }))
    expect((await store.read('home', op.id))?.op.status).toBe('interrupted')
    expect((await ops.wait('home', op.id)).status).toBe('interrupted')
  })

  it('only the first declaration counts', async () => {
    await fs.mkdir(opsDir(), { recursive: true })
    const store = createOperationStore(dir)
    const first = await store.declareInterrupted('home', 'op_x', { at: '2025-01-01T00:00:00.000Z', byPid: 1, reason: 'first' })
    const second = await store.declareInterrupted('home', 'op_x', { at: '2025-01-01T00:00:01.000Z', byPid: 2, reason: 'second' })
    expect(second).toEqual(first)
    expect((await fs.readdir(opsDir())).sort()).toEqual(['op_x.interrupted'])
  })
})
