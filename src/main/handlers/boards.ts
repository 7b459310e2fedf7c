import type { ParsedInput } from '../../shared/contract'
import type { AppContext } from '../app-context'

export function boardHandlers(ctx: AppContext) {
  return {
    'boards.overlays': async ({ version }: ParsedInput<'boards.overlays'>, { signal }: { signal: AbortSignal }) => ctx.core.boards.overlays(version, signal),
    'boards.media': async (input: ParsedInput<'boards.media'>, { signal }: { signal: AbortSignal }) => ctx.core.boards.media(input, signal),
    'boards.choice': async ({ instance, hostname }: ParsedInput<'boards.choice'>) => ctx.core.boards.choice(instance, hostname)
  }
}
