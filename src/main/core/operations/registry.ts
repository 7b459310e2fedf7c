import { OperationType, type Operation } from '../../../shared/contract/operations'
import { AppError, toAppError } from '../../../shared/errors'
import { InstanceName, OperationId } from '../../../shared/schemas/common'
import type { EventBus } from '../event-bus'
import { selectForCleanup } from './cleanup'
import { newOperationId } from './ids'
import { HEARTBEAT_MS, ownerIsLive, pidAlive } from './liveness'
import { createLiveOperation, type LiveOperation } from './live-operation'
import { finish, interruptedMessage, isActive, LOG_TAIL_LINES } from './state'
import { createOperationStore, type StoredOperation } from './store'
import { realTimers, type Timers } from './throttle'
import type { Job, OperationsService, StartOptions } from './types'

export interface RegistryDeps {
  dataDir: string
  events: Pick<EventBus, 'emit'>
  timers?: Timers
  /** At most one 'operation.updated' per op per window; the final state is sent at once. */
  eventIntervalMs?: number
  /** Progress, messages, log lines and bytes are written at most this often; steps at once. */
  persistIntervalMs?: number
  /** How often cancel requests from other processes are looked for and heartbeats written. */
  pollIntervalMs?: number
  heartbeatMs?: number
  logTailLines?: number
  /** How long cancel() waits for the job to stop before answering with the op as it is. */
  cancelGraceMs?: number
  /** How long close() waits for aborted jobs before marking them interrupted. */
  closeGraceMs?: number
  random?: () => string
  pidAlive?: (pid: number) => boolean
}

/** Ids of ops held by any registry of this process: a second registry must not call them crashed. */
const heldInProcess = new Set<string>()

function check<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, value: unknown, what: string): T {
  const r = schema.safeParse(value)
  if (!r.success) throw new AppError('VALIDATION', `Invalid ${what}: ${JSON.stringify(value)}.`)
  return r.data
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** The promise's value, or null after `ms`; the timer is cleared either way so no process lingers. */
async function within<T>(p: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<null>((r) => (timer = setTimeout(() => r(null), ms)))
  try {
    return await Promise.race([p, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * One registry per core. It holds the ops its own jobs run, persists them under
 * <instance>/operations/, emits throttled 'operation.updated' events, turns abandoned ops into
 * `interrupted`, and passes cancel requests on to whichever process owns an op.
 */
export function createOperationsRegistry(deps: RegistryDeps): OperationsService & { readonly runningCount: number } {
  const timers = deps.timers ?? realTimers
  const store = createOperationStore(deps.dataDir)
  const alive = deps.pidAlive ?? pidAlive
  const heartbeatMs = deps.heartbeatMs ?? HEARTBEAT_MS
  const pollMs = deps.pollIntervalMs ?? 1000
  const live = new Map<string, LiveOperation>()
  const recovered = new Map<string, Promise<number>>()
  let pollHandle: unknown = null
  let closed = false

  const iso = () => new Date(timers.now()).toISOString()

  function schedulePoll(): void {
    if (pollHandle !== null || live.size === 0) return
    pollHandle = timers.setTimeout(() => void poll(), pollMs)
    ;(pollHandle as { unref?: () => void })?.unref?.()
  }

  async function poll(): Promise<void> {
    pollHandle = null
    for (const l of [...live.values()]) {
      if (await store.takeCancelRequest(l.op.instance, l.op.id)) l.cancel('Cancelled by the operator.')
      if (timers.now() - l.heartbeatAt >= heartbeatMs) l.heartbeat()
    }
    schedulePoll()
  }

  const heldNow = (id: string) => live.has(id) || heldInProcess.has(id)

  /**
   * Whether an op read from disk is abandoned. "Held here" is checked before and after the read:
   * an op that settled in between had its final state written before it was let go, and one
   * that started in between was held before its first write, so neither is mistaken for a crash.
   */
  function abandoned(stored: StoredOperation, heldBefore: boolean): boolean {
    const heldHere = heldBefore || heldNow(stored.op.id)
    return !ownerIsLive({ owner: stored.owner, heldHere, ownPid: process.pid, now: timers.now(), alive })
  }

  /** Marks an abandoned op interrupted, unless its owner wrote a final state in the meantime. */
  async function markInterrupted(stored: StoredOperation): Promise<Operation> {
    const again = await store.read(stored.op.instance, stored.op.id)
    if (again && !isActive(again.op)) return again.op
    if (again && again.owner?.heartbeatAt !== stored.owner?.heartbeatAt) return again.op
    const ended = finish(stored.op, { status: 'interrupted', message: interruptedMessage(stored.op) }, iso())
    await store.write(ended, null)
    return ended
  }

  async function recover(instance: string): Promise<number> {
    const heldBefore = new Set([...live.keys(), ...heldInProcess])
    let count = 0
    for (const stored of await store.list(instance)) {
      if (!isActive(stored.op) || !abandoned(stored, heldBefore.has(stored.op.id))) continue
      if ((await markInterrupted(stored)).status === 'interrupted') count++
    }
    return count
  }

  /** The first touch of an instance turns what a crash left behind into `interrupted`. */
  function ensureRecovered(instance: string): Promise<number> {
    let p = recovered.get(instance)
    if (!p) {
      p = recover(instance)
      recovered.set(instance, p)
      p.catch(() => recovered.delete(instance))
    }
    return p
  }

  async function readOrThrow(instance: string, id: string) {
    const stored = await store.read(instance, id)
    if (!stored) throw new AppError('NOT_FOUND', `There is no operation ${id} in instance "${instance}". List them with: wild ops list`)
    return stored
  }

  /** Follows an op another process runs until it ends, its owner disappears, or the deadline. */
  async function follow(instance: string, id: string, deadline: number): Promise<Operation> {
    for (;;) {
      const heldBefore = heldNow(id)
      const stored = await readOrThrow(instance, id)
      if (!isActive(stored.op)) return stored.op
      if (abandoned(stored, heldBefore)) return markInterrupted(stored)
      if (timers.now() >= deadline) return stored.op
      await sleep(Math.min(250, pollMs))
    }
  }

  function mine(instance: string, id: string): LiveOperation | undefined {
    const l = live.get(id)
    return l && l.op.instance === instance ? l : undefined
  }

  return {
    get runningCount() {
      return live.size
    },

    async start<T>(options: StartOptions, job: Job<T>): Promise<Operation> {
      if (closed) throw new AppError('BUSY', 'The app is shutting down; start the job again after it restarts.')
      const type = check(OperationType, options.type, 'operation type')
      const instance = check(InstanceName, options.instance, 'instance name')
      await ensureRecovered(instance)
      const id = newOperationId(type, new Date(timers.now()), deps.random)
      const l = createLiveOperation({
        id,
        type,
        instance,
        target: String(options.target ?? ''),
        steps: options.steps ?? [],
        store,
        events: deps.events,
        timers,
        eventIntervalMs: deps.eventIntervalMs ?? 250,
        persistIntervalMs: deps.persistIntervalMs ?? 1000,
        logTailLines: deps.logTailLines ?? LOG_TAIL_LINES,
        onSettled: () => {
          live.delete(id)
          heldInProcess.delete(id)
        }
      })
      live.set(id, l)
      heldInProcess.add(id)
      try {
        await l.persistNow()
      } catch (e) {
        live.delete(id)
        heldInProcess.delete(id)
        throw toAppError(e)
      }
      const first = structuredClone(l.op)
      l.run(job)
      schedulePoll()
      return first
    },

    async wait(instance, id) {
      check(InstanceName, instance, 'instance name')
      check(OperationId, id, 'operation id')
      const l = mine(instance, id)
      if (l) return structuredClone(await l.done)
      await ensureRecovered(instance)
      return follow(instance, id, Number.POSITIVE_INFINITY)
    },

    async get(instance, id) {
      check(InstanceName, instance, 'instance name')
      check(OperationId, id, 'operation id')
      const l = mine(instance, id)
      if (l) return structuredClone(l.op)
      await ensureRecovered(instance)
      return (await readOrThrow(instance, id)).op
    },

    async list(instance) {
      check(InstanceName, instance, 'instance name')
      await ensureRecovered(instance)
      const byId = new Map((await store.list(instance)).map(({ op }) => [op.id, op]))
      for (const l of live.values()) if (l.op.instance === instance) byId.set(l.op.id, structuredClone(l.op))
      return [...byId.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id))
    },

    async cancel(instance, id) {
      check(InstanceName, instance, 'instance name')
      check(OperationId, id, 'operation id')
      const grace = deps.cancelGraceMs ?? 5000
      const l = mine(instance, id)
      if (l) {
        l.cancel('Cancelled by the operator.')
        return structuredClone((await within(l.done, grace)) ?? l.op)
      }
      await ensureRecovered(instance)
      const { op } = await readOrThrow(instance, id)
      if (!isActive(op)) return op
      await store.requestCancel(instance, id)
      return follow(instance, id, timers.now() + grace)
    },

    async cleanup(instance, options) {
      check(InstanceName, instance, 'instance name')
      await ensureRecovered(instance)
      const ops = (await store.list(instance)).map((s) => s.op)
      const ids = selectForCleanup(ops, timers.now(), options).filter((id) => !live.has(id))
      for (const id of ids) await store.remove(instance, id)
      return ids.length
    },

    async recoverInterrupted(instance) {
      check(InstanceName, instance, 'instance name')
      const p = recover(instance)
      recovered.set(instance, p)
      return p
    },

    async close() {
      closed = true
      const running = [...live.values()]
      for (const l of running) l.cancel('Cancelled because the app is closing.')
      const grace = deps.closeGraceMs ?? 5000
      await within(Promise.allSettled(running.map((l) => l.done)), grace)
      for (const l of running) await l.abandon('The app closed before this job stopped; run it again.')
      if (pollHandle !== null) timers.clearTimeout(pollHandle)
      pollHandle = null
      await Promise.allSettled(running.map((l) => l.idle()))
    }
  }
}
