import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Operation } from '@shared/contract/operations'
import { AppError } from '@shared/errors'
import { EventBus } from '@core/event-bus'
import { createOperationsRegistry, type RegistryDeps } from '@core/operations/registry'
import { makeTempDir } from '../../helpers/tmp'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
/** Resolves when the signal aborts; rejects with the abort reason like a well-behaved job would. */
const untilAborted = (signal: AbortSignal) => new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }))

let dir: string
let events: EventBus
let seen: Operation[]
let registries: ReturnType<typeof createOperationsRegistry>[]

function registry(extra: Partial<RegistryDeps> = {}) {
  const r = createOperationsRegistry({ dataDir: dir, events, pollIntervalMs: 50, ...extra })
  registries.push(r)
  return r
}
const opFile = (id: string) => join(dir, 'instances', 'home', 'operations', `${id}.json`)
const readOp = async (id: string) => JSON.parse(await fs.readFile(opFile(id), 'utf8')) as Operation & { owner?: unknown }

beforeEach(async () => {
  dir = await makeTempDir()
  events = new EventBus()
  seen = []
  registries = []
  events.onAny((name, payload) => {
    if (name === 'operation.updated') seen.push(payload as Operation)
  })
})
afterEach(async () => {
  for (const r of registries) await r.close()
  await fs.rm(dir, { recursive: true, force: true })
})

describe('operations registry', () => {
  it('persists the op at start, runs named steps in order and ends completed with the summary', async () => {
    const ops = registry()
    const first = await ops.start({ type: 'setup', instance: 'home', target: 'cp-1', steps: ['Write config', 'Apply', 'Wait'] }, async (op) => {
      await op.step('Write config', async () => sleep(5))
      op.skip('Apply', 'already applied')
      await op.step('Wait', async () => {
        op.progress(50)
        op.message('Waiting for 127.0.0.1 to answer…')
      })
      op.message('cp-1 is ready')
    })
    expect(first.status).toBe('running')
    expect(first.steps.every((s) => s.status === 'pending')).toBe(true)
    expect((await readOp(first.id)).status).toBe('running')

    const done = await ops.wait('home', first.id)
    expect(done.status).toBe('completed')
    expect(done.progress).toBe(100)
    expect(done.message).toBe('cp-1 is ready')
    expect(done.steps.map((s) => [s.name, s.status])).toEqual([
      ['Write config', 'completed'],
      ['Apply', 'skipped'],
      ['Wait', 'completed']
    ])
    const onDisk = await readOp(first.id)
    expect(onDisk).toMatchObject({ status: 'completed', endedAt: done.endedAt })
    expect(onDisk.owner).toBeUndefined()
  })

  it('keeps a bounded log tail in the op and every line in the op log file', async () => {
    const ops = registry({ logTailLines: 5 })
    const op = await ops.start({ type: 'verify', instance: 'home', target: 'x' }, async (h) => {
      for (let i = 1; i <= 12; i++) h.log(`line ${i}`)
    })
    const done = await ops.wait('home', op.id)
    expect(done.logTail).toEqual(['line 8', 'line 9', 'line 10', 'line 11', 'line 12'])
    const log = await fs.readFile(join(dir, 'instances', 'home', 'operations', op.id, 'output.log'), 'utf8')
    expect(log.trim().split('\n')).toHaveLength(12)
  })

  it('reports bytes, total and a smoothed rate', async () => {
    const ops = registry({ persistIntervalMs: 50 })
    const op = await ops.start({ type: 'download', instance: 'home', target: 'iso' }, async (h) => {
      for (let i = 0; i <= 5; i++) {
        h.bytes(i * 100_000, 1_000_000)
        await sleep(220)
      }
      const now = await ops.get('home', h.id)
      expect(now.bytesDone).toBe(500_000)
      expect(now.bytesTotal).toBe(1_000_000)
      expect(now.bytesPerSecond!).toBeGreaterThan(200_000)
      expect(now.bytesPerSecond!).toBeLessThan(700_000)
    })
    expect((await ops.wait('home', op.id)).status).toBe('completed')
  })

  it('marks a failing op failed with the failed step and the error code and message', async () => {
    const ops = registry()
    const op = await ops.start({ type: 'setup', instance: 'home', target: 'cp-1', steps: ['A', 'B', 'C'] }, async (h) => {
      await h.step('A', async () => undefined)
      await h.step('B', async () => {
        throw new AppError('NODE_UNREACHABLE', '127.0.0.1 did not answer on port 50000. Check the cable.')
      })
      await h.step('C', async () => undefined)
    })
    const done = await ops.wait('home', op.id)
    expect(done).toMatchObject({
      status: 'failed',
      failedStep: 'B',
      error: { code: 'NODE_UNREACHABLE', message: expect.stringMatching(/did not answer/) }
    })
    expect(done.steps.map((s) => s.status)).toEqual(['completed', 'failed', 'pending'])
  })

  it('sends at most one event per window per op under a stream of progress, and the final state at once', async () => {
    const ops = registry({ eventIntervalMs: 100 })
    const started = Date.now()
    const op = await ops.start({ type: 'download', instance: 'home', target: 'iso' }, async (h) => {
      for (let i = 0; i < 300; i++) {
        h.progress(i / 3)
        await sleep(2)
        if (Date.now() - started > 600) break
      }
    })
    const done = await ops.wait('home', op.id)
    const elapsed = Date.now() - started
    const mine = seen.filter((e) => e.id === op.id)
    expect(mine.length).toBeGreaterThan(2)
    expect(mine.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 2)
    expect(mine.at(-1)).toEqual(done)
  })

  it('cancel aborts the signal and the op ends cancelled, not failed', async () => {
    const ops = registry()
    let signal: AbortSignal | null = null
    const op = await ops.start({ type: 'setup', instance: 'home', target: 'cp-1', steps: ['Wait', 'Next'] }, async (h) => {
      signal = h.signal
      await h.step('Wait', () => untilAborted(h.signal))
      await h.step('Next', async () => undefined)
    })
    await sleep(20)
    const after = await ops.cancel('home', op.id)
    expect(signal!.aborted).toBe(true)
    expect(after).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED' } })
    expect(after.steps.map((s) => s.status)).toEqual(['cancelled', 'pending'])
    expect((await readOp(op.id)).status).toBe('cancelled')
    expect(seen.filter((e) => e.id === op.id).at(-1)!.status).toBe('cancelled')
  })

  it('does not start the next step once cancelled, even when the job swallowed the abort', async () => {
    const ops = registry()
    let ranNext = false
    const op = await ops.start({ type: 'setup', instance: 'home', target: 't' }, async (h) => {
      await untilAborted(h.signal).catch(() => undefined)
      await h.step('Next', async () => {
        ranNext = true
      })
    })
    await sleep(10)
    expect((await ops.cancel('home', op.id)).status).toBe('cancelled')
    expect(ranNext).toBe(false)
  })

  it('lists newest first, gets one, and refuses unknown or malformed ids', async () => {
    let n = 0
    const ops = registry({ random: () => `r${n++}` })
    const a = await ops.start({ type: 'verify', instance: 'home', target: 'a' }, async () => undefined)
    await ops.wait('home', a.id)
    await sleep(10) // startedAt carries milliseconds
    const b = await ops.start({ type: 'health', instance: 'home', target: 'b' }, async () => undefined)
    await ops.wait('home', b.id)
    expect((await ops.list('home')).map((o) => o.id)).toEqual([b.id, a.id])
    expect((await ops.get('home', a.id)).target).toBe('a')
    await expect(ops.get('home', 'op_verify_20000101000000_nope')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(ops.get('home', '../../etc/passwd')).rejects.toMatchObject({ code: 'VALIDATION' })
    await expect(ops.list('Bad Name')).rejects.toMatchObject({ code: 'VALIDATION' })
    expect(await ops.list('empty')).toEqual([])
  })

  it('turns an op a crash left running into interrupted the first time the instance is touched', async () => {
    const ops = registry()
    const op = await ops.start({ type: 'setup', instance: 'home', target: 'cp-1', steps: ['Apply'] }, async (h) => {
      await h.step('Apply', async () => undefined)
    })
    await ops.wait('home', op.id)
    // A file as a crashed app leaves it: running, mid-step, no owner that answers.
    const crashed = { ...(await readOp(op.id)), id: 'op_setup_20240101000000_crash', status: 'running', endedAt: null, currentStep: 'Apply' }
    crashed.steps = [{ name: 'Apply', status: 'running', startedAt: crashed.startedAt, endedAt: null, message: null }]
    delete crashed.owner
    await fs.writeFile(opFile(crashed.id), JSON.stringify(crashed))

    const fresh = registry()
    const got = await fresh.get('home', crashed.id)
    expect(got.status).toBe('interrupted')
    expect(got.message).toMatch(/during "Apply"/)
    expect(got.steps[0]!.status).toBe('cancelled')
    expect((await readOp(crashed.id)).status).toBe('interrupted')
    expect(await fresh.recoverInterrupted('home')).toBe(0)
  })

  it('leaves alone an op another registry of this process is running, and passes a cancel to it', async () => {
    const owner = registry()
    const op = await owner.start({ type: 'bootstrap', instance: 'home', target: 'cp-1' }, async (h) => untilAborted(h.signal))
    const other = registry()
    expect(await other.recoverInterrupted('home')).toBe(0)
    expect((await other.get('home', op.id)).status).toBe('running')
    const after = await other.cancel('home', op.id)
    expect(after.status).toBe('cancelled')
    expect((await owner.get('home', op.id)).status).toBe('cancelled')
  })

  it('cleans up by age and count without touching a running op', async () => {
    const ops = registry()
    const ids: string[] = []
    for (let i = 0; i < 3; i++) {
      const o = await ops.start({ type: 'verify', instance: 'home', target: String(i) }, async () => undefined)
      await ops.wait('home', o.id)
      ids.push(o.id)
    }
    const running = await ops.start({ type: 'bootstrap', instance: 'home', target: 'r' }, async (h) => untilAborted(h.signal))
    // Age one finished op by hand.
    const old = await readOp(ids[0]!)
    await fs.writeFile(opFile(ids[0]!), JSON.stringify({ ...old, startedAt: '2020-01-01T00:00:00.000Z', endedAt: '2020-01-01T00:01:00.000Z' }))

    expect(await ops.cleanup('home', { olderThanDays: 30 })).toBe(1)
    expect(await ops.cleanup('home', { keep: 1 })).toBe(1)
    const left = (await ops.list('home')).map((o) => o.id).sort()
    expect(left).toHaveLength(2)
    expect(left).toContain(running.id)
    expect(await ops.cleanup('home', { keep: 0 })).toBe(1)
    expect((await ops.list('home')).map((o) => o.id)).toEqual([running.id])
  })

  it('close aborts every running job and refuses new ones', async () => {
    const ops = registry()
    const a = await ops.start({ type: 'download', instance: 'home', target: 'a' }, async (h) => untilAborted(h.signal))
    const b = await ops.start({ type: 'download', instance: 'home', target: 'b' }, async (h) => untilAborted(h.signal))
    await ops.close()
    expect((await readOp(a.id)).status).toBe('cancelled')
    expect((await readOp(b.id)).status).toBe('cancelled')
    await expect(ops.start({ type: 'verify', instance: 'home', target: 'c' }, async () => undefined)).rejects.toMatchObject({ code: 'BUSY' })
  })

  it('marks a job that ignores its signal past the close grace as interrupted', async () => {
    const ops = registry({ closeGraceMs: 50 })
    const op = await ops.start({ type: 'download', instance: 'home', target: 'stubborn' }, () => sleep(400))
    await ops.close()
    expect((await readOp(op.id)).status).toBe('interrupted')
  })
})
