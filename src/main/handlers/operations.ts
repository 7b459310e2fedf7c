import type { AppContext } from '../app-context'

/** The operations.* commands. A cancel answers once the job stopped (or after a short grace). */
export function operationHandlers(ctx: AppContext) {
  const ops = () => ctx.core.operations
  return {
    'operations.list': async ({ instance }: { instance: string }) => ops().list(instance),
    'operations.unreadable': async ({ instance }: { instance: string }) => ops().unreadable(instance),
    'operations.get': async ({ instance, id }: { instance: string; id: string }) => ops().get(instance, id),
    'operations.cancel': async ({ instance, id }: { instance: string; id: string }) => ops().cancel(instance, id),
    'operations.cleanup': async ({ instance, olderThanDays, keep }: { instance: string; olderThanDays?: number; keep?: number }) => ({
      removed: await ops().cleanup(instance, { olderThanDays, keep })
    })
  }
}
