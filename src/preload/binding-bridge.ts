import { createWildApi } from './api'
import type { EventMessage } from '../shared/ipc'

/**
 * window.wild for a plain browser page whose host injected three functions (Playwright's
 * page.exposeBinding in the e2e harness). Same API factory as the Electron preload; only the
 * transport differs. Answers and events arrive as JSON text: Playwright's serializer, given the
 * objects, cost the page a long task per large answer that Electron's IPC does not.
 */
interface BindingHost {
  __wildInvoke(channel: string, input: unknown): Promise<string>
  __wildReady(): Promise<void>
  __wildPush?: (message: string) => void
}

const host = window as unknown as Window & BindingHost
Object.defineProperty(window, 'wild', {
  value: createWildApi({
    invoke: async (channel, input) => JSON.parse(await host.__wildInvoke(channel, input)) as unknown,
    subscribe: (listener) => {
      host.__wildPush = (message) => listener(JSON.parse(message) as EventMessage)
    },
    ready: () => void host.__wildReady()
  }),
  writable: false,
  configurable: false
})
