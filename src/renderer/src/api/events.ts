import type { QueryClient } from '@tanstack/react-query'
import type { EventName, EventPayload } from '@shared/contract'
import type { DiscoveryStatus } from '@shared/contract/discovery'
import type { Operation } from '@shared/contract/operations'
import { operationAffects } from '@shared/operation-affects'
import type { WildApi } from '@preload/api'

type Rule<E extends EventName> = (payload: EventPayload<E>, qc: QueryClient) => void
export type EventRules = { [E in EventName]?: Rule<E> }

/** Invalidates every query of the named commands (all inputs). */
function invalidate(qc: QueryClient, ...names: string[]): void {
  for (const name of names) void qc.invalidateQueries({ queryKey: [name] })
}

/** Invalidates every query whose command starts with one of the prefixes ("nodes." …). */
function invalidatePrefix(qc: QueryClient, ...prefixes: string[]): void {
  void qc.invalidateQueries({
    predicate: (q) => typeof q.queryKey[0] === 'string' && prefixes.some((p) => (q.queryKey[0] as string).startsWith(p))
  })
}

/** Insert or replace by id; a new one goes first (the list is newest first). */
export function upsertOperation(list: Operation[], op: Operation): Operation[] {
  const i = list.findIndex((o) => o.id === op.id)
  if (i < 0) return [op, ...list]
  const next = list.slice()
  next[i] = op
  return next
}

const FINISHED = new Set(['completed', 'failed', 'cancelled', 'interrupted'])

/**
 * The one place that says what each pushed event refreshes. An event without a rule refreshes
 * the commands of its own family ("nodes.changed" → every "nodes.*" query), so a new event
 * from a feature still keeps the screens fresh until it gets a precise rule here.
 */
export const eventRules: EventRules = {
  // Log lines go to the logs panel that asked for them (useLogFollow); they change no query.
  'nodeOps.logLines': () => undefined,
  'nodeOps.logEnded': () => undefined,
  'settings.changed': (payload, qc) => {
    qc.setQueryData(['settings.get', {}], payload)
    // A new data folder or talosctl path changes what everything else reads.
    invalidate(qc, 'instances.list', 'diagnostics.run')
  },
  // Entering or leaving the demo lab swaps the whole data source: nothing cached still holds.
  'app.modeChanged': (_payload, qc) => {
    void qc.resetQueries()
  },
  'instances.changed': (_payload, qc) => {
    invalidate(qc, 'instances.list')
  },
  // A scan's rows and the machine list name registered nodes (and the VIP) when read: they are read again.
  'nodes.changed': (_payload, qc) => {
    invalidatePrefix(qc, 'nodes.', 'instances.list', 'discovery.status', 'machines.')
  },
  // Cluster settings feed every node's generated config, and the VIP's label.
  'config.changed': (_payload, qc) => {
    invalidatePrefix(qc, 'cluster.', 'config.', 'nodes.patch.preview', 'instances.list', 'discovery.status', 'machines.')
  },
  // A scan's progress and each machine it finds are written into the cached status.
  'discovery.status': ({ instance, status }, qc) => {
    qc.setQueryData(['discovery.status', { instance }], status)
  },
  'discovery.found': ({ instance, node }, qc) => {
    qc.setQueryData<DiscoveryStatus>(['discovery.status', { instance }], (st) => {
      if (!st) return st
      const rest = st.nodesFound.filter((n) => n.ip !== node.ip)
      return { ...st, nodesFound: [...rest, node] }
    })
  },
  // A download's files, written in place (up to 4 a second); the op's end refreshes the list.
  'assets.fileProgress': (files, qc) => qc.setQueryData(['assets.downloadFiles', { instance: files.instance, operationId: files.operationId }], files),
  // Up to 4 a second per job: the caches are written in place, nothing is refetched, until
  // the job ends and what it changed is read again.
  'operation.updated': (op, qc) => {
    qc.setQueryData(['operations.get', { instance: op.instance, id: op.id }], op)
    qc.setQueryData<Operation[]>(['operations.list', { instance: op.instance }], (list) => (list ? upsertOperation(list, op) : list))
    if (FINISHED.has(op.status)) invalidatePrefix(qc, ...operationAffects(op.type))
  }
}

export function applyEvent(qc: QueryClient, name: EventName, payload: unknown, rules: EventRules = eventRules): void {
  const rule = rules[name] as Rule<EventName> | undefined
  if (rule) rule(payload as EventPayload<EventName>, qc)
  else invalidatePrefix(qc, name.slice(0, name.indexOf('.') + 1) || name)
}

/** The contract (and zod with it) is loaded on demand, so it stays out of the first paint. */
const loadEventNames = async (): Promise<readonly EventName[]> => (await import('@shared/contract')).eventNames

/**
 * Subscribes once to every event in the contract, then tells main the page is ready (main
 * holds events until then, so nothing is lost between load and subscribe). Resolves to an undo.
 */
export async function installEventBridge(qc: QueryClient, wild: WildApi, names: () => Promise<readonly EventName[]> = loadEventNames): Promise<() => void> {
  const offs = (await names()).map((name) => wild.on(name, (payload) => applyEvent(qc, name, payload)))
  wild.ready()
  return () => offs.forEach((off) => off())
}
