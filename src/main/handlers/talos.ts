import type { AppContext } from '../app-context'

export function talosHandlers(ctx: AppContext) {
  return {
    'talos.versions': async ({ preReleases }: { preReleases?: boolean }, { signal }: { signal: AbortSignal }) =>
      ctx.core.talosVersions.list({ preReleases, signal }),
    'hardware.detect': async ({ instance, ip }: { instance: string | null; ip: string }, { signal }: { signal: AbortSignal }) =>
      ctx.core.hardware.detect(instance, ip, signal)
  }
}
