import { createWildApi } from './api'
import type { EventMessage } from '../shared/ipc'

/**
 * window.wild for a plain browser page whose host injected three functions (Playwright's
 * page.exposeBinding in the e2e harness). Same API factory as the Electron preload; only the
 * transport differs.
 */
interface BindingHost {
  __wildInvoke(channel: string, input: unknown): Promise<unknown>
  __wildReady(): Promise<void>
  __wildPush?: (message: EventMessage) => void
}

const host = window as unknown as Window & BindingHost
Object.defineProperty(window, 'wild', {
  value: createWildApi({
    invoke: (channel, input) => host.__wildInvoke(channel, input),
    subscribe: (listener) => {
      host.__wildPush = listener
    },
    ready: () => void host.__wildReady()
  }),
  writable: false,
  configurable: false
})
