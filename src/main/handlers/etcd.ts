import type { ParsedInput } from '../../shared/contract'
import type { AppContext } from '../app-context'

/** etcd.* commands: a snapshot as an operation, and the saved list. */
export function etcdHandlers(ctx: AppContext) {
  return {
    'etcd.snapshot': async ({ instance, node }: ParsedInput<'etcd.snapshot'>) => ({
      operationId: (await ctx.core.etcd.snapshot(instance, { node })).id
    }),
    'etcd.snapshots': async ({ instance }: ParsedInput<'etcd.snapshots'>) => ctx.core.etcd.snapshots(instance)
  }
}
