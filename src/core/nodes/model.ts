import type { Node } from '../../shared/contract/nodes'
import type { NodeState } from '../../shared/schemas/fields'
import { nodeKey, type ConfigFile, type NodeEntry } from '../config/schema'
import type { ConfigEdit } from '../config/store'
import { hasReason } from './state'

/** A node as the core keeps it: the contract's Node plus whether a config was ever accepted. */
export interface NodeRecord extends Node {
  /** The machine accepted a configuration from this instance (the Go original's `applied`). */
  applied: boolean
}

const REASON_UNKNOWN: Partial<Record<NodeState, string>> = {
  failed: 'Setup failed; run setup again to continue.',
  interrupted: 'Setup was stopped; resume it to continue from where the machine is.'
}

/**
 * The state of an entry that has none — a folder written by the Go original, or edited by hand —
 * derived from its flags the way the Go UI did.
 */
export function derivedState(e: NodeEntry): NodeState {
  if (e.deployed || e.applied) return 'ready'
  if (e.configured) return 'configured'
  return 'added'
}

export function nodeFrom(hostname: string, e: NodeEntry): NodeRecord {
  const state = e.state ?? derivedState(e)
  const deployed = e.deployed ?? (e.applied === true && e.state === undefined)
  return {
    hostname,
    role: e.role,
    mac: e.mac,
    targetIp: e.targetIp,
    currentIp: e.currentIp,
    interface: e.interface,
    disk: e.disk,
    version: e.version,
    schematicId: e.schematicId,
    configured: e.configured ?? false,
    deployed,
    state,
    stateReason: hasReason(state) ? (e.stateReason ?? REASON_UNKNOWN[state] ?? null) : null,
    applied: e.applied ?? deployed
  }
}

export function nodesFrom(config: ConfigFile): NodeRecord[] {
  const active = config.cluster?.nodes?.active ?? {}
  return Object.entries(active).map(([h, e]) => nodeFrom(h, e))
}

/** The public Node (the contract's shape) of a record. */
export function publicNode(r: NodeRecord): Node {
  const { applied: _applied, ...node } = r
  return node
}

/** Key order of a new entry, so hand-readers see the same layout for every node. */
const FIELD_ORDER = [
  'role',
  'mac',
  'targetIp',
  'currentIp',
  'interface',
  'disk',
  'version',
  'schematicId',
  'configured',
  'deployed',
  'applied',
  'state'
] as const

export type NodeField = (typeof FIELD_ORDER)[number] | 'stateReason'

/** Writes a brand-new entry; unset strings are "" like the Go original; booleans are booleans. */
export function writeNewNode(edit: ConfigEdit, r: NodeRecord): void {
  const entry: Record<string, unknown> = {}
  for (const k of FIELD_ORDER) {
    const v = r[k]
    entry[k] = v === null ? '' : v
  }
  edit.set(nodeKey(r.hostname), entry)
}

/** Writes changed fields one by one, so comments on the entry and its keys stay. */
export function writeNodeFields(edit: ConfigEdit, hostname: string, fields: Partial<Record<NodeField, unknown>>): void {
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue
    const path = [...nodeKey(hostname), k]
    if (k === 'stateReason' && v === null) edit.delete(path)
    else edit.set(path, v === null ? '' : v)
  }
}

export function deleteNode(edit: ConfigEdit, hostname: string): boolean {
  return edit.delete(nodeKey(hostname))
}
