import { ClusterSettingsUpdate, ConfigKey, JsonValue, type ClusterSettings } from '../../shared/contract/cluster'
import { AppError, validationError } from '../../shared/errors'
import type { EventBus } from '../event-bus'
import { assertNoNewIssues } from '../nodes/validate'
import { KEYS } from './schema'
import { applySettings, settingsFrom } from './settings'
import type { ConfigStore } from './store'

export type ConfigService = ReturnType<typeof createConfigService>

function parseKey(key: string): string[] {
  const parsed = ConfigKey.safeParse(key)
  if (!parsed.success) throw validationError(parsed.error, 'key')
  return parsed.data.split('.')
}

/** The value at `path` of a plain object, or undefined. */
function pick(obj: unknown, path: readonly string[]): unknown {
  let cur = obj
  for (const k of path) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, k)) return undefined
    cur = (cur as Record<string, unknown>)[k]
  }
  return cur
}

/**
 * Dotted-key access to config.yaml and the typed cluster settings over it. Every write goes
 * through the store (locked, validated, atomic, comments kept) and the address rules.
 */
export function createConfigService({ store, events }: { store: ConfigStore; events: EventBus }) {
  function announce(instance: string, path: readonly string[]): void {
    events.emit('config.changed', { instance })
    const active = KEYS.active.join('.')
    const dotted = path.join('.')
    if (dotted === 'cluster' || dotted === 'cluster.nodes' || dotted.startsWith(active)) events.emit('nodes.changed', { instance })
  }

  async function getValue(instance: string, key: string): Promise<{ key: string; value: unknown }> {
    const path = parseKey(key)
    const { doc } = await store.read(instance)
    if (!doc.hasIn(path)) throw new AppError('NOT_FOUND', `config.yaml of "${instance}" has no key ${key}.`)
    const n = doc.getIn(path, true) as { toJSON?: () => unknown } | unknown
    const value = n && typeof n === 'object' && 'toJSON' in n && typeof n.toJSON === 'function' ? n.toJSON() : n
    return { key, value }
  }

  async function setValue(instance: string, key: string, raw: unknown): Promise<{ key: string; value: unknown }> {
    const path = parseKey(key)
    const parsedValue = JsonValue.safeParse(raw)
    if (!parsedValue.success) throw validationError(parsedValue.error, 'value')
    let value: unknown = parsedValue.data
    let changed = false
    await store.update(instance, (e) => {
      const before = e.doc.toString()
      e.set(path, value)
      const after = store.validate(e.doc)
      // "true" for a boolean setting is accepted like the Go original wrote it, and stored as a boolean.
      const normalized = pick(after, path)
      if (typeof normalized === 'boolean' && typeof value === 'string') {
        value = normalized
        e.set(path, normalized)
      }
      assertNoNewIssues(e.config, after)
      changed = e.doc.toString() !== before
    })
    if (changed) announce(instance, path)
    return { key, value }
  }

  async function settings(instance: string): Promise<ClusterSettings> {
    return settingsFrom((await store.read(instance)).config, instance)
  }

  async function updateSettings(instance: string, raw: ClusterSettingsUpdate): Promise<ClusterSettings> {
    const parsed = ClusterSettingsUpdate.safeParse(raw)
    if (!parsed.success) throw validationError(parsed.error, 'cluster settings')
    let changed = false
    const result = await store.update(instance, (e) => {
      const before = e.doc.toString()
      applySettings(e, parsed.data)
      const after = store.validate(e.doc)
      assertNoNewIssues(e.config, after)
      changed = e.doc.toString() !== before
      return settingsFrom(after, instance)
    })
    if (changed) events.emit('config.changed', { instance })
    return result
  }

  /** Marks the cluster bootstrapped, so bootstrap never runs twice (operator journey §8). */
  async function recordBootstrapped(instance: string, hostname: string, at = new Date()): Promise<void> {
    await store.update(instance, (e) => {
      if (e.config.cluster?.bootstrap) return
      e.set(KEYS.bootstrap, { node: hostname, at: at.toISOString() })
    })
    events.emit('config.changed', { instance })
  }

  return { getValue, setValue, settings, updateSettings, recordBootstrapped }
}
