import type { AppContext } from '../app-context'
import type { Handlers } from '../ipc/dispatch'
import { appHandlers } from './app'
import { instanceHandlers } from './instances'

/**
 * Every contract command bound to the core. `satisfies Handlers` makes a command without a
 * handler (or with the wrong types) a compile error. Plain Node: the Electron shell, the
 * browser harness and the preview server all use this same map.
 */
export function createHandlers(ctx: AppContext): Handlers {
  return {
    ...appHandlers(ctx),
    ...instanceHandlers(ctx)
  } satisfies Handlers
}
