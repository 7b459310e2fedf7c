import os from 'node:os'
import { AppError } from '../../shared/errors'
import type { AppContext } from '../app-context'
import { isAllowedExternalUrl } from '../security/url-guard'

export function appHandlers(ctx: AppContext) {
  return {
    'app.info': async () => ({
      version: ctx.shell.version,
      platform: process.platform,
      arch: os.arch(),
      shell: ctx.shell.kind
    }),
    'app.openExternal': async ({ url }: { url: string }) => {
      if (!isAllowedExternalUrl(url)) {
        throw new AppError('FORBIDDEN', `Links to ${url} are not opened: only https links to known documentation sites are.`)
      }
      await ctx.shell.openExternal(url)
      return { ok: true as const }
    },
    'settings.get': async () => ctx.settings(),
    'settings.set': async (patch: Parameters<AppContext['updateSettings']>[0]) => ctx.updateSettings(patch),
    'diagnostics.run': async (_: unknown, { signal }: { signal: AbortSignal }) => ctx.core.diagnostics.run(signal)
  }
}
