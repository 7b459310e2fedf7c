import type { AppContext } from '../app-context'

export function talosHandlers(ctx: AppContext) {
  return {
    'hardware.detect': async ({ instance, ip }: { instance: string; ip: string }, { signal }: { signal: AbortSignal }) =>
      ctx.core.hardware.detect(instance, ip, signal)
  }
}
