import type { AppContext } from '../app-context'
import type { ParsedInput } from '../../shared/contract'

/** The pxe.* commands: network boot served (or, in the demo, simulated) by the app's core. */
export function pxeHandlers(ctx: AppContext) {
  const svc = () => ctx.core.pxe
  return {
    'pxe.status': async ({ instance }: ParsedInput<'pxe.status'>) => svc().status(instance),
    'pxe.interfaces': async ({ instance }: ParsedInput<'pxe.interfaces'>) => svc().interfaces(instance),
    'pxe.assets': async ({ instance }: ParsedInput<'pxe.assets'>) => svc().assets(instance),
    'pxe.start': async (input: ParsedInput<'pxe.start'>) => svc().start(input),
    'pxe.stop': async ({ instance, other }: ParsedInput<'pxe.stop'>) => svc().stop(instance, other),
    'pxe.zeroTouch.get': async ({ instance }: ParsedInput<'pxe.zeroTouch.get'>) => svc().zeroTouch(instance),
    'pxe.zeroTouch.set': async (input: ParsedInput<'pxe.zeroTouch.set'>) => svc().setZeroTouch(input)
  }
}
