import type { DiscoveryStartInput } from '../../shared/contract/discovery'
import type { AppContext } from '../app-context'

/** discovery.*: a scan runs as an operation, so it outlives the call that started it. */
export function discoveryHandlers(ctx: AppContext) {
  const svc = () => ctx.core.discovery
  return {
    'discovery.suggest': async () => svc().suggest(),
    'discovery.start': async (input: DiscoveryStartInput) => svc().start(input),
    'discovery.status': async ({ instance, settled }: { instance: string; settled?: boolean }) => {
      if (settled) await svc().filled(instance)
      return svc().status(instance)
    },
    'discovery.clear': async ({ instance }: { instance: string }) => {
      await svc().clear(instance)
      return { ok: true as const }
    }
  }
}
