import type { Command } from 'commander'
import { z } from 'zod'
import { assetCommands, type AssetType } from '../../shared/contract/assets'
import { AppError, ErrorCode } from '../../shared/errors'
import { createAssetService, type AssetService } from '../../core/assets/service'
import type { Core } from '../../core'
import { coreFor, instanceFor } from '../context'
import { action, EXIT_ERROR, output } from '../output'
import { assetTable, progressLine, unverifiedLines } from './assets-format'
import { parseOption as parse } from '../parse-option'

interface SetOpts {
  version?: string
  talosVersion?: string
  schematic?: string
  arch?: string
  factoryUrl?: string
  type?: string[]
}

const collect = (value: string, prev: string[] = []) => [
  ...prev,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
]

function withSetOptions(cmd: Command, types = true): Command {
  // The root's own version flag is -V/--app-version, so --version is free to name the Talos version.
  cmd
    .option('--version <v>', 'Talos version, like v1.11.5 (default: cluster.nodes.talos.version)')
    .option('--talos-version <v>', 'same as --version')
    .option('--schematic <id>', "Image Factory schematic id (default: the instance's, else plain Talos)")
    .option('--arch <arch>', 'amd64 or arm64 (default amd64)')
    .option('--factory-url <url>', 'Image Factory base URL (default: the setting, env WILD_FACTORY_URL)')
  if (types) cmd.option('--type <type>', 'kernel, initramfs, iso or cmdline; repeat or comma-separate', collect)
  return cmd
}

/** The core's service, or one bound to --factory-url that shares the core's operations. */
function serviceFor(core: Core, opts: SetOpts): AssetService {
  if (!opts.factoryUrl) return core.assets
  const url = parse(z.string().url('--factory-url must be a URL like https://factory.talos.dev'), opts.factoryUrl)
  return createAssetService({ dataDir: core.options.dataDir, factoryUrl: url, proxy: core.options.proxy, operations: core.operations })
}

function setInput(instance: string, opts: SetOpts) {
  return {
    instance,
    version: opts.version ?? opts.talosVersion,
    schematicId: opts.schematic,
    arch: opts.arch,
    ...(opts.type?.length ? { types: opts.type as AssetType[] } : {})
  }
}

/** Runs fn with the core and the service, closing both so no socket keeps the process alive. */
async function withAssets<T>(cmd: Command, opts: SetOpts, fn: (svc: AssetService, core: Core, instance: () => Promise<string>) => Promise<T>): Promise<T> {
  const core = coreFor(cmd)
  try {
    const svc = serviceFor(core, opts)
    try {
      return await fn(svc, core, () => instanceFor(cmd, core))
    } finally {
      if (svc !== core.assets) await svc.close()
    }
  } finally {
    await core.close()
  }
}

export function registerAssetCommands(program: Command): void {
  const assets = program.command('assets').description('Boot assets (kernel, initramfs, ISO) from the Talos Image Factory')

  withSetOptions(assets.command('list').description('List boot assets with size, state and SHA-256'), false).action(
    action(async (_signal, opts: SetOpts, cmd: Command) => {
      await withAssets(cmd, opts, async (svc, _core, instanceOf) => {
        const instance = await instanceOf()
        const input = parse(assetCommands['assets.list'].input, setInput(instance, opts))
        const list = await svc.list(input)
        output(cmd, list, () => assetTable(list))
      })
    })
  )

  withSetOptions(assets.command('download').description('Download boot assets; progress on stderr, Ctrl-C cancels (resumable)'))
    .option('--force', 'download again even when already downloaded')
    .action(
      action(async (signal, opts: SetOpts & { force?: boolean }, cmd: Command) => {
        await withAssets(cmd, opts, async (svc, core, instanceOf) => {
          const instance = await instanceOf()
          const input = parse(assetCommands['assets.download'].input, { ...setInput(instance, opts), force: opts.force })
          const op = await svc.download(input)
          const onAbort = () => void core.operations.cancel(instance, op.id).catch(() => {})
          signal.addEventListener('abort', onAbort, { once: true })
          const ticker = setInterval(() => {
            void core.operations
              .get(instance, op.id)
              .then((cur) => process.stderr.write(progressLine(cur) + '\n'))
              .catch(() => {})
          }, 1000)
          let final
          try {
            final = await core.operations.wait(instance, op.id)
          } finally {
            clearInterval(ticker)
            signal.removeEventListener('abort', onAbort)
          }
          if (final.status !== 'completed') {
            const code = ErrorCode.catch('UNKNOWN').parse(final.error?.code)
            throw new AppError(code, final.error?.message ?? `The download ended ${final.status}.`, { operationId: op.id })
          }
          const list = await svc.status(input)
          output(cmd, list, () => `Downloaded (${op.id}):\n${assetTable(list)}`)
        })
      })
    )

  withSetOptions(assets.command('verify').description('Re-hash downloaded assets against the recorded SHA-256'))
    .option('--record', 'record the SHA-256 of files that have no record yet (files with one are still checked)')
    .action(
      action(async (signal, opts: SetOpts & { record?: boolean }, cmd: Command) => {
        await withAssets(cmd, opts, async (svc, _core, instanceOf) => {
          const instance = await instanceOf()
          const input = parse(assetCommands['assets.verify'].input, { ...setInput(instance, opts), record: opts.record })
          const list = await svc.verify(input, signal)
          const unverified = unverifiedLines(list)
          output(cmd, list, () => (unverified.length ? assetTable(list) : `Verified:\n${assetTable(list)}`))
          // Nothing to compare with is not a pass: say so, and fail like any check that did not pass.
          if (unverified.length) {
            process.stderr.write(unverified.join('\n') + '\n')
            process.exitCode = EXIT_ERROR
          }
        })
      })
    )

  withSetOptions(assets.command('delete').description('Delete boot assets, partial downloads and their records')).action(
    action(async (_signal, opts: SetOpts, cmd: Command) => {
      await withAssets(cmd, opts, async (svc, _core, instanceOf) => {
        const instance = await instanceOf()
        const result = await svc.delete(parse(assetCommands['assets.delete'].input, setInput(instance, opts)))
        output(cmd, result, () => (result.deleted.length ? `Deleted:\n  ${result.deleted.join('\n  ')}` : 'Nothing to delete.'))
      })
    })
  )

  withSetOptions(assets.command('ipxe').description('Print an iPXE script for the downloaded kernel and initramfs'), false)
    .requiredOption('--base-url <url>', "where an HTTP server serves this instance's pxe/ folder")
    .option('--extra-arg <arg>', 'kernel argument to append (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .action(
      action(async (_signal, opts: SetOpts & { baseUrl: string; extraArg?: string[] }, cmd: Command) => {
        await withAssets(cmd, opts, async (svc, _core, instanceOf) => {
          const instance = await instanceOf()
          const input = parse(assetCommands['assets.ipxe'].input, { ...setInput(instance, opts), baseUrl: opts.baseUrl, extraArgs: opts.extraArg })
          const script = await svc.ipxe(input)
          output(cmd, { script }, () => script.trimEnd())
        })
      })
    )

  assets
    .command('schematic [extensions...]')
    .description('Create an Image Factory schematic from system extensions (none: plain Talos)')
    .option('--factory-url <url>', 'Image Factory base URL')
    .action(
      action(async (signal, extensions: string[], opts: SetOpts, cmd: Command) => {
        const input = parse(assetCommands['assets.schematic.create'].input, { extensions: extensions ?? [] })
        await withAssets(cmd, opts, async (svc) => {
          const { id } = await svc.createSchematic(input.extensions, signal)
          output(cmd, { id }, () => id)
        })
      })
    )

  assets
    .command('extensions')
    .description('List the official system extensions for a Talos version')
    .option('--version <v>', 'Talos version, like v1.11.5')
    .option('--talos-version <v>', 'same as --version')
    .option('--factory-url <url>', 'Image Factory base URL')
    .action(
      action(async (signal, opts: SetOpts, cmd: Command) => {
        const input = parse(assetCommands['assets.extensions'].input, { version: opts.version ?? opts.talosVersion })
        await withAssets(cmd, opts, async (svc) => {
          const list = await svc.listExtensions(input.version, signal)
          output(cmd, list, () => list.map((e) => `${e.name.padEnd(40)} ${e.description}`).join('\n') || 'No extensions.')
        })
      })
    )
}
