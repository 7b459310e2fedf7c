import type { Operation } from '../../src/shared/contract/operations'
import type { Job, OperationHandle, OperationsService, StartOptions } from '../../src/core/operations/types'
import { toAppError } from '../../src/shared/errors'
import { createOperation } from '../../src/core/operations/state'

interface Held {
  op: Operation
  controller: AbortController
  done: Promise<Operation>
  /** Every op.bytes call, unthrottled, so tests can check progress was reported. */
  bytes: [number, number | null][]
}

/**
 * An in-memory OperationsService: runs the job at once, records steps, bytes and log lines, and
 * cancels through the job's signal. No files, no timers, so service tests stay fast and focused.
 */
export function createFakeOperations(): OperationsService & { held: Map<string, Held> } {
  const held = new Map<string, Held>()
  let seq = 0
  const stamp = () => new Date().toISOString()

  function handle(h: Held): OperationHandle {
    const set = (patch: Partial<Operation>) => Object.assign(h.op, patch)
    const stepPatch = (name: string, patch: Partial<Operation['steps'][number]>) => {
      const s = h.op.steps.find((x) => x.name === name)
      if (s) Object.assign(s, patch)
      else h.op.steps.push({ name, status: 'pending', startedAt: null, endedAt: null, message: null, ...patch })
    }
    return {
      id: h.op.id,
      signal: h.controller.signal,
      async step(name, fn) {
        stepPatch(name, { status: 'running', startedAt: stamp() })
        set({ currentStep: name })
        try {
          const v = await fn()
          stepPatch(name, { status: 'completed', endedAt: stamp() })
          return v
        } catch (e) {
          stepPatch(name, { status: h.controller.signal.aborted ? 'cancelled' : 'failed', endedAt: stamp() })
          set({ failedStep: name })
          throw e
        }
      },
      skip(name, reason) {
        stepPatch(name, { status: 'skipped', endedAt: stamp(), message: reason ?? null })
      },
      progress: (p) => set({ progress: p }),
      message: (m) => set({ message: m }),
      log: (line) => set({ logTail: [...h.op.logTail, line] }),
      bytes: (done, total) => {
        h.bytes.push([done, total])
        set({ bytesDone: done, bytesTotal: total })
      }
    }
  }

  return {
    held,
    async start<T>(options: StartOptions, job: Job<T>): Promise<Operation> {
      const id = `op_${options.type}_${++seq}`
      // The same initial record the real registry makes, so tests see real shapes.
      const op: Operation = createOperation({
        id,
        type: options.type,
        target: options.target,
        instance: options.instance,
        steps: options.steps ?? [],
        now: stamp()
      })
      const h: Held = { op, controller: new AbortController(), bytes: [], done: Promise.resolve(op) }
      held.set(id, h)
      h.done = (async () => {
        await Promise.resolve()
        try {
          await job(handle(h))
          Object.assign(op, { status: 'completed', endedAt: stamp() })
        } catch (e) {
          const err = toAppError(e)
          const status = h.controller.signal.aborted ? 'cancelled' : 'failed'
          Object.assign(op, { status, endedAt: stamp(), error: { code: err.code, message: err.message } })
        }
        return op
      })()
      return { ...op }
    },
    async wait(_instance, id) {
      return { ...(await held.get(id)!.done) }
    },
    async get(_instance, id) {
      return { ...held.get(id)!.op }
    },
    async list() {
      return [...held.values()].map((h) => ({ ...h.op }))
    },
    async cancel(_instance, id) {
      const h = held.get(id)!
      h.controller.abort()
      return { ...(await h.done) }
    },
    async unreadable() {
      return []
    },
    async cleanup() {
      return 0
    },
    async recoverInterrupted() {
      return 0
    },
    async close() {
      for (const h of held.values()) h.controller.abort()
    }
  }
}
