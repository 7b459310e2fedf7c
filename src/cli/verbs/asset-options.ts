import { InvalidArgumentError } from 'commander'
import { z } from 'zod'
import type { AssetType } from '@shared/contract/assets'
import type { VerbOption } from './types'

/** `--type kernel,cmdline --type iso`: every value, split on commas. */
export const collectTypes = (value: string, prev: string[] = []): string[] => [
  ...prev,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
]

/** What --factory-url takes, for the asset verbs and `talos versions` alike. */
export const FactoryUrl = z.url('--factory-url must be a URL like https://factory.talos.dev')

/**
 * --factory-url stands for WILD_FACTORY_URL in this run: commander parses options before the
 * action builds the core, and the core takes the factory from that variable, so the flag reaches
 * every contract command the verb runs without the CLI holding a core of its own.
 */
export function useFactoryUrl(value: string): string {
  const r = FactoryUrl.safeParse(value)
  if (!r.success) throw new InvalidArgumentError(r.error.issues[0]!.message)
  process.env.WILD_FACTORY_URL = r.data
  return r.data
}

export const FACTORY_OPTION: VerbOption = {
  flags: '--factory-url <url>',
  description: 'Image Factory base URL (default: the setting, env WILD_FACTORY_URL)',
  parse: useFactoryUrl
}

export const VERSION_OPTIONS: VerbOption[] = [
  // The root's own version flag is -V/--app-version, so --version is free to name the Talos version.
  { flags: '--version <v>', description: 'Talos version, like v1.11.5 (default: cluster.nodes.talos.version)' },
  { flags: '--talos-version <v>', description: 'same as --version' }
]

/** Which asset set: version, schematic, architecture, and the factory it comes from. */
export const SET_OPTIONS: VerbOption[] = [
  ...VERSION_OPTIONS,
  { flags: '--schematic <id>', description: "Image Factory schematic id (default: the instance's, else plain Talos)" },
  { flags: '--arch <arch>', description: 'amd64 or arm64 (default amd64)' },
  FACTORY_OPTION
]

export const TYPE_OPTION: VerbOption = {
  flags: '--type <type>',
  description: 'kernel, initramfs, iso or cmdline; repeat or comma-separate',
  parse: collectTypes
}

/** The contract's set selector from the flags; the dispatch validates it. */
export function setInput(opts: Record<string, unknown>) {
  const types = opts.type as AssetType[] | undefined
  return {
    version: (opts.version ?? opts.talosVersion) as string | undefined,
    schematicId: opts.schematic as string | undefined,
    arch: opts.arch as 'amd64' | 'arm64' | undefined,
    ...(types?.length ? { types } : {})
  }
}
