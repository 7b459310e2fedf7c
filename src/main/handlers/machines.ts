import type { AppContext } from '../app-context'

/** machines.*: the merged view of scanned, net-booted and registered machines. */
export function machineHandlers(ctx: AppContext) {
  return {
    'machines.list': async ({ instance }: { instance: string }) => ctx.core.machines.list(instance)
  }
}
