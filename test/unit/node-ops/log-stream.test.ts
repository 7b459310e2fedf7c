import { describe, expect, it } from 'vitest'
import { EventBus } from '@core/event-bus'
import { createLogFollows, readLogTail } from '@core/node-ops/log-stream'
import type { NodeTalos } from '@core/node-ops/talos-node'
import { AppError } from '@shared/errors'

/** Follows keep memory bounded and never outlive their stream; a snapshot keeps only its tail. */

type StreamCall = Parameters<NodeTalos['stream']>[0]

/** A talosctl stand-in: `burst` lines at once, then nothing until aborted (CANCELLED, as the runner says). */
function fakeTalos(burst: number) {
  const started: StreamCall[] = []
  const stream = (c: StreamCall) =>
    new Promise<void>((resolve, reject) => {
      started.push(c)
      for (let i = 0; i < burst; i++) c.onLine(`line ${i}`)
      if (!c.follow) return resolve()
      c.signal?.addEventListener('abort', () => reject(new AppError('CANCELLED', 'cancelled')))
    })
  return { talos: { stream }, started }
}

const req = { target: { node: '10.0.0.2', talosconfig: '/x/talosconfig' }, tail: 10 }

describe('log follows', () => {
  it('drops the oldest pending lines past the limit and counts them', async () => {
    const events = new EventBus()
    const got: { lines: string[]; dropped: number }[] = []
    events.onAny((name, p) => name === 'nodeOps.logLines' && got.push(p as { lines: string[]; dropped: number }))
    const { talos } = fakeTalos(250)
    const follows = createLogFollows({ talos, events, limits: { maxPending: 100, flushMs: 10 } })
    const id = follows.follow(req)
    await new Promise((r) => setTimeout(r, 40))
    expect(got).toHaveLength(1)
    expect(got[0]!.lines).toHaveLength(100)
    expect(got[0]!.lines[0]).toBe('line 150')
    expect(got[0]!.dropped).toBe(150)
    expect(follows.stop(id)).toBe(true)
    await follows.closeAll()
    expect(follows.openCount).toBe(0)
  })

  it('ends the oldest follow when the limit is reached, and closeAll waits for every stream', async () => {
    const events = new EventBus()
    const ended: { streamId: string; reason: string }[] = []
    events.onAny((name, p) => name === 'nodeOps.logEnded' && ended.push(p as { streamId: string; reason: string }))
    const { talos, started } = fakeTalos(0)
    const follows = createLogFollows({ talos, events, limits: { maxStreams: 2 } })
    const first = follows.follow(req)
    follows.follow(req)
    follows.follow(req)
    await new Promise((r) => setTimeout(r, 10))
    expect(started[0]!.signal?.aborted).toBe(true)
    expect(ended).toEqual([{ streamId: first, reason: 'stopped', message: null }])
    await follows.closeAll()
    expect(started.every((c) => c.signal?.aborted)).toBe(true)
    expect(follows.openCount).toBe(0)
  })
})

describe('readLogTail', () => {
  it('keeps only the last lines in a ring', async () => {
    const { talos } = fakeTalos(25)
    expect(await readLogTail(talos, { ...req, tail: 3 })).toEqual({ lines: ['line 22', 'line 23', 'line 24'], dropped: 22 })
  })
})
