import { OperationType, type Operation } from '../../shared/contract/operations'
import { AppError, toAppError } from '../../shared/errors'
import { InstanceName, OperationId } from '../../shared/schemas/common'
import type { EventBus } from '../event-bus'
import { selectForCleanup, selectUnreadable } from './cleanup'
import { check, sleep, within } from './guards'
import { newOperationId } from './ids'
import { applyInterruption } from './declaration'
import { HEARTBEAT_MS, heartbeatMsFromEnv, pidAlive, whyAbandoned } from './liveness'
import { createLiveOperation, type LiveOperation } from './live-operation'
import { isActive, LOG_TAIL_LINES } from './state'
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
  /** How often cancel requests and interruptions from other processes are looked for. */
  pollIntervalMs?: number
  /** How often a running op's file is rewritten; default $WILD_OPS_HEARTBEAT_MS, else 10 s. */
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

/**
 * One registry per core. It holds the ops its own jobs run, persists them under
 * <instance>/operations/, emits throttled 'operation.updated' events, turns abandoned ops into
 * `interrupted`, and passes cancel requests on to whichever process owns an op.
 */
export function createOperationsRegistry(deps: RegistryDeps): OperationsService & { readonly runningCount: number } {
  const timers = deps.timers ?? realTimers
  const store = createOperationStore(deps.dataDir)
  const alive = deps.pidAlive ?? pidAlive
  const heartbeatMs = deps.heartbeatMs ?? heartbeatMsFromEnv() ?? HEARTBEAT_MS
  // A heartbeat is written from the poll, so polling less often would break the promise.
  const pollMs = Math.min(deps.pollIntervalMs ?? 1000, heartbeatMs / 2)
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
      const declared = await store.interruption(l.op.instance, l.op.id).catch(() => null)
      if (declared) l.takeOver(declared)
      else if (await store.takeCancelRequest(l.op.instance, l.op.id)) l.cancel('Cancelled by the operator.')
      if (timers.now() - l.heartbeatAt >= heartbeatMs) l.heartbeat()
    }
    schedulePoll()
  }

  const heldNow = (id: string) => live.has(id) || heldInProcess.has(id)

  /**
   * Why an op read from disk is abandoned, or null. "Held here" is checked before and after the
   * read: an op that settled in between had its final state written before it was let go, and
   * one that started in between was held before its first write, so neither looks crashed.
   */
  function abandoned(stored: StoredOperation, heldBefore: boolean): string | null {
    const heldHere = heldBefore || heldNow(stored.op.id)
    return whyAbandoned({ owner: stored.owner, heldHere, ownPid: process.pid, now: timers.now(), alive })
  }

  /**
   * Declares an abandoned op interrupted, for good: the declaration file is created first (its
   * owner, should it wake, finds it and stops), then the op file is rewritten to say so. Nothing
   * is declared if the owner wrote again (a final state, or a heartbeat) since it was judged.
   */
  async function declareInterrupted(stored: StoredOperation, why: string): Promise<Operation> {
    const { instance, id } = stored.op
    const again = await store.read(instance, id)
    if (!again) return stored.op
    if (!isActive(again.op) || again.owner?.heartbeatAt !== stored.owner?.heartbeatAt) return again.op
    const declared = await store.declareInterrupted(instance, id, { at: iso(), byPid: process.pid, reason: why })
    const ended = applyInterruption(again.op, declared)
    await store.write(ended, null, declared)
    return ended
  }

  /** The op as it stands, declaring it interrupted when its owner is gone or silent. */
  async function settleAbandoned(stored: StoredOperation, heldBefore: boolean): Promise<Operation> {
    if (!isActive(stored.op)) return stored.op
    const why = abandoned(stored, heldBefore)
    return why === null ? stored.op : declareInterrupted(stored, why)
  }

  async function recover(instance: string): Promise<number> {
    const heldBefore = new Set([...live.keys(), ...heldInProcess])
    let count = 0
    for (const stored of await store.list(instance)) {
      if (!isActive(stored.op)) continue
      if ((await settleAbandoned(stored, heldBefore.has(stored.op.id))).status === 'interrupted') count++
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
    const e = await store.entry(instance, id)
    if (e.kind === 'ok') return e.stored
    if (e.kind === 'unreadable') {
      const { file, reason } = e.entry
      throw new AppError('IO', `Operation ${id} is unreadable: ${reason} (${file}). Remove it with: wild ops cleanup`, { file, reason })
    }
    throw new AppError('NOT_FOUND', `There is no operation ${id} in instance "${instance}". List them with: wild ops list`)
  }

  /** Follows an op another process runs until it ends, its owner disappears, or the deadline. */
  async function follow(instance: string, id: string, deadline: number): Promise<Operation> {
    for (;;) {
      const heldBefore = heldNow(id)
      const op = await settleAbandoned(await readOrThrow(instance, id), heldBefore)
      if (!isActive(op) || timers.now() >= deadline) return op
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
        heartbeatMs,
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
      // A long-lived app rereads on every look, so an owner that went silent later is seen too.
      const heldBefore = heldNow(id)
      return settleAbandoned(await readOrThrow(instance, id), heldBefore)
    },

    async list(instance) {
      check(InstanceName, instance, 'instance name')
      await ensureRecovered(instance)
      const heldBefore = new Set([...live.keys(), ...heldInProcess])
      const stored = await store.list(instance)
      const byId = new Map<string, Operation>()
      for (const s of stored) byId.set(s.op.id, await settleAbandoned(s, heldBefore.has(s.op.id)))
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

    async unreadable(instance) {
      check(InstanceName, instance, 'instance name')
      return (await store.scan(instance)).unreadable
    },

    async cleanup(instance, options) {
      check(InstanceName, instance, 'instance name')
      await ensureRecovered(instance)
      const { stored, unreadable } = await store.scan(instance)
      const now = timers.now()
      const ids = selectForCleanup(
        stored.map((s) => s.op),
        now,
        options
      ).filter((id) => !heldNow(id))
      const damaged = await selectUnreadable(unreadable, now, options)
      for (const id of [...ids, ...damaged]) await store.remove(instance, id)
      return ids.length + damaged.length
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
