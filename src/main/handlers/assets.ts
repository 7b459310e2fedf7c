import type { AppContext } from '../app-context'
import type { HandlerContext } from '../ipc/dispatch'
import type { ParsedInput } from '../../shared/contract'

/** The assets.* commands; a download answers at once with its operation id. */
export function assetHandlers(ctx: AppContext) {
  const svc = () => ctx.core.assets
  return {
    'assets.list': async (input: ParsedInput<'assets.list'>) => (input.types ? svc().status(input) : svc().list(input)),
    'assets.download': async (input: ParsedInput<'assets.download'>) => ({ operationId: (await svc().download(input)).id }),
    'assets.downloadFiles': async (input: ParsedInput<'assets.downloadFiles'>) => svc().downloadFiles(input),
    'assets.cancelFile': async (input: ParsedInput<'assets.cancelFile'>) => svc().cancelFile(input),
    'assets.verify': async (input: ParsedInput<'assets.verify'>, { signal }: HandlerContext) => svc().verify(input, signal),
    'assets.delete': async (input: ParsedInput<'assets.delete'>) => svc().delete(input),
    'assets.schematic.create': async ({ extensions }: ParsedInput<'assets.schematic.create'>, { signal }: HandlerContext) =>
      svc().createSchematic(extensions, signal),
    'assets.extensions': async ({ version }: ParsedInput<'assets.extensions'>, { signal }: HandlerContext) => svc().listExtensions(version, signal),
    'assets.ipxe': async (input: ParsedInput<'assets.ipxe'>) => ({ script: await svc().ipxe(input) })
  }
}
