import type { ParsedInput } from '../../shared/contract'
import type { AppContext } from '../app-context'
import type { HandlerContext } from '../ipc/dispatch'

/** config.* and cluster.* commands: dotted config keys, settings, bootstrap, health, kubeconfig. */
export function clusterHandlers(ctx: AppContext) {
  const cluster = () => ctx.core.cluster
  const config = () => ctx.core.config
  return {
    'config.get': async ({ instance, key }: ParsedInput<'config.get'>) => config().getValue(instance, key),
    'config.set': async ({ instance, key, value }: ParsedInput<'config.set'>) => config().setValue(instance, key, value),
    'cluster.settings.get': async ({ instance }: ParsedInput<'cluster.settings.get'>) => config().settings(instance),
    'cluster.settings.update': async ({ instance, changes }: ParsedInput<'cluster.settings.update'>) => config().updateSettings(instance, changes),
    'cluster.bootstrap': async ({ instance, hostname }: ParsedInput<'cluster.bootstrap'>) => ({
      operationId: (await cluster().bootstrap(instance, hostname)).id
    }),
    'cluster.kubeconfig': async ({ instance, refresh }: ParsedInput<'cluster.kubeconfig'>, { signal }: HandlerContext) =>
      cluster().kubeconfig(instance, { refresh, signal }),
    'cluster.mergeKubeconfig': async ({ instance, setCurrentContext }: ParsedInput<'cluster.mergeKubeconfig'>) =>
      cluster().mergeKubeconfig(instance, { setCurrentContext }),
    'cluster.generateConfig': async ({ instance }: ParsedInput<'cluster.generateConfig'>, { signal }: HandlerContext) =>
      cluster().generateConfig(instance, signal),
    'cluster.health': async ({ instance, waitTimeoutSeconds }: ParsedInput<'cluster.health'>) => ({
      operationId: (await cluster().health(instance, { waitTimeoutSeconds })).id
    })
  }
}
