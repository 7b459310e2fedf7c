import type { AppContext } from '../app-context'
import type { ParsedInput } from '../../shared/contract'
import { AppError } from '../../shared/errors'

/**
 * What only `wild pxe serve` may ask: every registered node's config (with the cluster's secrets)
 * handed out unencrypted, a parent process to outlive, the terminal's error texts. The operator
 * typed those in a terminal; from the app they would be the page's choice, not the operator's.
 */
function refuseTerminalOnly(input: ParsedInput<'pxe.start'>): void {
  const asked = [
    input.configAtBoot === 'all' && 'config at boot for every node',
    input.parentPid !== undefined && 'a parent process',
    input.terminal && 'terminal mode'
  ]
  const which = asked.filter(Boolean)
  if (which.length)
    throw new AppError('FORBIDDEN', `The app cannot ask for ${which.join(', ')}: that is for \`wild pxe serve\` in a terminal. Use the per-node switches.`)
}

/** The pxe.* commands: network boot served (or, in the demo, simulated) by the app's core. */
export function pxeHandlers(ctx: AppContext) {
  const svc = () => ctx.core.pxe
  return {
    'pxe.status': async ({ instance }: ParsedInput<'pxe.status'>) => svc().status(instance),
    'pxe.interfaces': async ({ instance }: ParsedInput<'pxe.interfaces'>) => svc().interfaces(instance),
    'pxe.assets': async ({ instance }: ParsedInput<'pxe.assets'>) => svc().assets(instance),
    'pxe.start': async (input: ParsedInput<'pxe.start'>) => {
      if (!ctx.terminal) refuseTerminalOnly(input)
      return svc().start(input)
    },
    'pxe.stop': async ({ instance, other }: ParsedInput<'pxe.stop'>) => svc().stop(instance, other),
    'pxe.zeroTouch.get': async ({ instance }: ParsedInput<'pxe.zeroTouch.get'>) => svc().zeroTouch(instance),
    'pxe.zeroTouch.set': async (input: ParsedInput<'pxe.zeroTouch.set'>) => svc().setZeroTouch(input)
  }
}
