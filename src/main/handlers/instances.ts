import type { AppContext } from '../app-context'

export function instanceHandlers(ctx: AppContext) {
  const svc = () => ctx.core.instances
  return {
    'instances.list': async () => svc().list(),
    'instances.create': async ({ name, use }: { name: string; use: boolean }) => svc().create(name, { use }),
    'instances.use': async ({ instance }: { instance: string }) => svc().use(instance),
    'instances.delete': async ({ instance, confirm }: { instance: string; confirm: string }) => {
      await svc().remove(instance, confirm)
      return { ok: true as const }
    }
  }
}
