import type { CommandInput, CommandName, CommandOutput, EventName, EventPayload } from '../shared/contract'
import { COMMAND_NAMES, EVENT_NAMES } from '../shared/contract/names'
import type { Envelope } from '../shared/errors'
import { commandChannel, type EventMessage } from '../shared/ipc'

/** How the API reaches main: Electron IPC in the app, a Playwright binding or a WebSocket elsewhere. */
export interface WildTransport {
  invoke(channel: string, input: unknown): Promise<unknown>
  /** The single push path: every event arrives here. */
  subscribe(listener: (message: EventMessage) => void): void
  /** Tells main the page can take events; main holds them until then. */
  ready(): void
}

export interface WildApi {
  readonly commands: readonly CommandName[]
  invoke<K extends CommandName>(name: K, input: CommandInput<K>): Promise<Envelope<CommandOutput<K>>>
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void
  ready(): void
}

// Names only: the preload must not carry zod and the schemas just to know what may be called.
const commandNames = COMMAND_NAMES as readonly CommandName[]
const commandSet = new Set<string>(COMMAND_NAMES)
const eventSet = new Set<string>(EVENT_NAMES)
const isCommandName = (name: unknown): name is CommandName => typeof name === 'string' && commandSet.has(name)
const isEventName = (name: unknown): name is EventName => typeof name === 'string' && eventSet.has(name)

/**
 * Builds `window.wild` from the contract's keys: the allowlist is the contract, so no channel
 * name is written twice. Listeners never see the transport's own event object.
 */
export function createWildApi(transport: WildTransport): WildApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  transport.subscribe((message) => {
    if (!message || !isEventName(message.name)) return
    for (const listener of [...(listeners.get(message.name) ?? [])]) {
      try {
        listener(message.payload)
      } catch (e) {
        console.error(`listener for ${message.name} failed`, e)
      }
    }
  })
  let readySent = false
  const api: WildApi = {
    commands: Object.freeze([...commandNames]),
    async invoke(name, input) {
      if (!isCommandName(name)) {
        return { ok: false, error: { code: 'VALIDATION', message: `Unknown command: ${String(name)}` } }
      }
      try {
        return (await transport.invoke(commandChannel(name), input)) as Envelope<never>
      } catch (e) {
        return { ok: false, error: { code: 'INTERNAL', message: `The app did not answer: ${(e as Error)?.message ?? e}` } }
      }
    },
    on(name, listener) {
      if (!isEventName(name)) throw new Error(`Unknown event: ${String(name)}`)
      const wrapped = listener as (payload: unknown) => void
      let set = listeners.get(name)
      if (!set) listeners.set(name, (set = new Set()))
      set.add(wrapped)
      return () => {
        listeners.get(name)?.delete(wrapped)
      }
    },
    ready() {
      if (readySent) return
      readySent = true
      transport.ready()
    }
  }
  return Object.freeze(api)
}
