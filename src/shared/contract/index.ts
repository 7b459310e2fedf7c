import type { z } from 'zod'
import { appCommands, appEvents } from './app'
import { assetCommands, assetEvents } from './assets'
import { clusterCommands, clusterEvents } from './cluster'
import { etcdCommands, etcdEvents } from './etcd'
import { discoveryCommands, discoveryEvents } from './discovery'
import { instanceCommands, instanceEvents } from './instances'
import { nodeCommands, nodeEvents } from './nodes'
import { operationCommands, operationEvents } from './operations'
import { talosCommands, talosEvents } from './talos'
import { pxeCommands, pxeEvents } from './pxe'
import { nodeOpsCommands, nodeOpsEvents } from './node-ops'
import { upgradeCommands, upgradeEvents } from './upgrade'
import { machineCommands, machineEvents } from './machines'
import { lifecycleCommands, lifecycleEvents } from './lifecycle'
import { boardCommands, boardEvents } from './boards'
import { diagnosticsBundleCommands, diagnosticsBundleEvents } from './diagnostics-bundle'
import type { CommandMap, EventMap } from './types'

/**
 * The one IPC contract. Every feature contributes a command map and an event map from its own
 * file; this file only merges them. Preload, main, the browser harness, the preview server and
 * the renderer's client all derive their names and types from these two objects.
 */
export const contract = {
  ...talosCommands,
  ...appCommands,
  ...assetCommands,
  ...instanceCommands,
  ...operationCommands,
  ...discoveryCommands,
  ...nodeCommands,
  ...clusterCommands,
  ...pxeCommands,
  ...nodeOpsCommands,
  ...upgradeCommands,
  ...machineCommands,
  ...lifecycleCommands,
  ...etcdCommands,
  ...diagnosticsBundleCommands,
  ...boardCommands
} satisfies CommandMap

export const events = {
  ...talosEvents,
  ...appEvents,
  ...assetEvents,
  ...instanceEvents,
  ...operationEvents,
  ...discoveryEvents,
  ...nodeEvents,
  ...clusterEvents,
  ...pxeEvents,
  ...nodeOpsEvents,
  ...upgradeEvents,
  ...machineEvents,
  ...lifecycleEvents,
  ...etcdEvents,
  ...diagnosticsBundleEvents,
  ...boardEvents
} satisfies EventMap

export type Contract = typeof contract
export type CommandName = keyof Contract & string
export type CommandInput<K extends CommandName> = z.input<Contract[K]['input']>
export type ParsedInput<K extends CommandName> = z.output<Contract[K]['input']>
export type CommandOutput<K extends CommandName> = z.output<Contract[K]['output']>

export type Events = typeof events
export type EventName = keyof Events & string
export type EventPayload<K extends EventName> = z.output<Events[K]>

export const commandNames = Object.keys(contract) as CommandName[]
export const eventNames = Object.keys(events) as EventName[]

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name)
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name)
}

export type { CommandDef, CommandMap, EventMap } from './types'
