import type { ParsedInput } from '../../shared/contract'
import type { AppContext } from '../app-context'
import type { HandlerContext } from '../ipc/dispatch'

/** The nodes.* commands: the registry, setup as an operation, and the patch preview. */
export function nodeHandlers(ctx: AppContext) {
  const nodes = () => ctx.core.nodes
  return {
    'nodes.list': async ({ instance }: ParsedInput<'nodes.list'>) => nodes().list(instance),
    'nodes.get': async ({ instance, node }: ParsedInput<'nodes.get'>) => nodes().get(instance, node),
    'nodes.add': async ({ instance, ...input }: ParsedInput<'nodes.add'>) => nodes().add(instance, input),
    'nodes.update': async ({ instance, hostname, changes }: ParsedInput<'nodes.update'>) => nodes().update(instance, hostname, changes),
    'nodes.delete': async ({ instance, hostname, confirm, reset }: ParsedInput<'nodes.delete'>, { signal }: HandlerContext) => {
      await nodes().remove(instance, hostname, { confirm, reset, signal })
      return { ok: true as const }
    },
    'nodes.setup': async ({ instance, hostname }: ParsedInput<'nodes.setup'>) => ({
      operationId: (await ctx.core.cluster.setup(instance, hostname)).id
    }),
    'nodes.patch.preview': async ({ instance, hostname }: ParsedInput<'nodes.patch.preview'>) => ctx.core.cluster.previewPatch(instance, hostname)
  }
}
