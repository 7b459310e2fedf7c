import type { ParsedInput } from '../../shared/contract'
import type { AppContext } from '../app-context'

/** upgrade.* commands: the plan, rolling Talos upgrades and Kubernetes upgrades (operations). */
export function upgradeHandlers(ctx: AppContext) {
  const started = (op: { id: string }) => ({ operationId: op.id })
  return {
    'upgrade.plan': ({ instance, ...target }: ParsedInput<'upgrade.plan'>) => ctx.core.upgrade.plan(instance, target),
    'upgrade.cluster': async ({ instance, ...target }: ParsedInput<'upgrade.cluster'>) => started(await ctx.core.upgrade.cluster(instance, target)),
    'upgrade.node': async ({ instance, node, ...target }: ParsedInput<'upgrade.node'>) => started(await ctx.core.upgrade.node(instance, node, target)),
    'upgrade.kubernetesDryRun': ({ instance, kubernetesVersion }: ParsedInput<'upgrade.kubernetesDryRun'>, { signal }: { signal: AbortSignal }) =>
      ctx.core.upgrade.kubernetesDryRun(instance, kubernetesVersion, signal),
    'upgrade.kubernetes': async ({ instance, kubernetesVersion }: ParsedInput<'upgrade.kubernetes'>) =>
      started(await ctx.core.upgrade.kubernetes(instance, kubernetesVersion))
  }
}
