import type { ParsedInput } from '../../shared/contract'
import { timeStatusCall } from '../../core/talos/calls/node'
import type { AppContext } from '../app-context'

type Ctx = { signal: AbortSignal }

/** nodeOps.* commands: services, logs (snapshot and follow), power, etcd members, control-plane removal. */
export function nodeOpsHandlers(ctx: AppContext) {
  return {
    'nodeOps.services': async ({ instance, node }: ParsedInput<'nodeOps.services'>, { signal }: Ctx) => ctx.core.nodeOps.services(instance, node, signal),
    'nodeOps.timeSync': async ({ instance, node }: ParsedInput<'nodeOps.timeSync'>, { signal }: Ctx) =>
      ctx.core.nodeOps.read(instance, node, timeStatusCall, signal),
    'nodeOps.logs': async (i: ParsedInput<'nodeOps.logs'>, { signal }: Ctx) => ctx.core.nodeOps.logs(i, signal),
    'nodeOps.follow': async (i: ParsedInput<'nodeOps.follow'>) => ({ streamId: await ctx.core.nodeOps.follow(i) }),
    'nodeOps.stopFollow': async ({ streamId }: ParsedInput<'nodeOps.stopFollow'>) => ({ stopped: ctx.core.nodeOps.stopFollow(streamId) }),
    'nodeOps.reboot': async ({ instance, node, confirm }: ParsedInput<'nodeOps.reboot'>) => ({
      operationId: (await ctx.core.nodeOps.reboot(instance, node, confirm)).id
    }),
    'nodeOps.shutdown': async ({ instance, node, confirm }: ParsedInput<'nodeOps.shutdown'>) => ({
      operationId: (await ctx.core.nodeOps.shutdown(instance, node, confirm)).id
    }),
    'nodeOps.etcdMembers': async ({ instance }: ParsedInput<'nodeOps.etcdMembers'>, { signal }: Ctx) => ctx.core.nodeOps.etcdMembers(instance, signal),
    'nodeOps.removeControlPlane': async ({ instance, node, confirm }: ParsedInput<'nodeOps.removeControlPlane'>) => ({
      operationId: (await ctx.core.nodeOps.removeControlPlane(instance, node, confirm)).id
    })
  }
}
