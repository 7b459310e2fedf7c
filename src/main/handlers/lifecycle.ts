import type { ParsedInput } from '../../shared/contract'
import type { AppContext } from '../app-context'

/** Lifecycle actions offered after setup (allow workloads on the control planes). */
export function lifecycleHandlers(ctx: AppContext) {
  return {
    'cluster.allowWorkloads': async ({ instance }: ParsedInput<'cluster.allowWorkloads'>) => ({
      operationIds: (await ctx.core.cluster.allowWorkloads(instance)).map((o) => o.id)
    })
  }
}
