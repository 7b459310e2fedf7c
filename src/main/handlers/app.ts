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
      shell: ctx.shell.kind,
      demo: ctx.demo,
      dataDir: ctx.core.options.dataDir
    }),
    'demo.enter': async () => {
      await ctx.enterDemo()
      return { ok: true as const }
    },
    'demo.leave': async () => {
      await ctx.leaveDemo()
      return { ok: true as const }
    },
    'demo.reset': async () => {
      await ctx.resetDemo()
      return { ok: true as const }
    },
    'app.openExternal': async ({ url }: { url: string }) => {
      if (!isAllowedExternalUrl(url)) {
        throw new AppError('FORBIDDEN', `Links to ${url} are not opened: only https links to known documentation sites are.`)
      }
      await ctx.shell.openExternal(url)
      return { ok: true as const }
    },
    'diagnostics.run': async (_: unknown, { signal }: { signal: AbortSignal }) => ctx.core.diagnostics.run(signal)
  }
}
