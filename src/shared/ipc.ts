import type { CommandName } from './contract'

/**
 * The only place IPC channel strings are formed. A command travels on `wild:cmd:<name>`;
 * every pushed event travels on one channel; the renderer says it is ready on another.
 */
export const CHANNEL_PREFIX = 'wild:cmd:'
export const EVENT_CHANNEL = 'wild:event'
export const READY_CHANNEL = 'wild:ready'

export function commandChannel(name: CommandName): string {
  return CHANNEL_PREFIX + name
}

/** What travels on EVENT_CHANNEL. */
export interface EventMessage {
  name: string
  payload: unknown
}
