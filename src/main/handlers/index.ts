import type { AppContext } from '../app-context'
import type { Handlers } from '../ipc/dispatch'
import { appHandlers } from './app'
import { assetHandlers } from './assets'
import { clusterHandlers } from './cluster'
import { instanceHandlers } from './instances'
import { nodeHandlers } from './nodes'
import { talosHandlers } from './talos'
import { operationHandlers } from './operations'
import { settingsHandlers } from './settings'
import { discoveryHandlers } from './discovery'
import { pxeHandlers } from './pxe'
import { etcdHandlers } from './etcd'
import { nodeOpsHandlers } from './node-ops'
import { upgradeHandlers } from './upgrade'
import { machineHandlers } from './machines'
import { lifecycleHandlers } from './lifecycle'
import { boardHandlers } from './boards'
import { diagnosticsBundleHandlers } from './diagnostics-bundle'

/**
 * Every contract command bound to the core. `satisfies Handlers` makes a command without a
 * handler (or with the wrong types) a compile error. Plain Node: the Electron shell, the
 * browser harness and the preview server all use this same map.
 */
export function createHandlers(ctx: AppContext): Handlers {
  return {
    ...talosHandlers(ctx),
    ...appHandlers(ctx),
    ...settingsHandlers(ctx),
    ...assetHandlers(ctx),
    ...instanceHandlers(ctx),
    ...operationHandlers(ctx),
    ...discoveryHandlers(ctx),
    ...nodeHandlers(ctx),
    ...clusterHandlers(ctx),
    ...pxeHandlers(ctx),
    ...nodeOpsHandlers(ctx),
    ...upgradeHandlers(ctx),
    ...machineHandlers(ctx),
    ...lifecycleHandlers(ctx),
    ...etcdHandlers(ctx),
    ...diagnosticsBundleHandlers(ctx),
    ...boardHandlers(ctx)
  } satisfies Handlers
}
