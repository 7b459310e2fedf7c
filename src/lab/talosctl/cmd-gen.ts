import { existsSync, statSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { adminTalosconfig, machineConfigDocuments, renderDocuments } from '../gen/machine-config'
import { patchDocuments } from '../gen/patch'
import { generateSecrets, parseSecrets, renderSecrets, type SecretsBundle } from '../gen/secrets'
import type { FlagSpec } from './args'
import { args, flag, type Command } from './command'
import type { CommandContext } from './context'
import { TalosctlError, fileExists } from './errors'
import { renderTalosconfig } from './talosconfig'
import { olderThan, release } from './versions'

/**
 * `gen secrets` and `gen config` (reference talos.md §6): files named as talosctl names them,
 * 0644 for configs and talosconfig, 0600 for secrets, progress lines on stderr only, and the
 * `--force` check before each file.
 */

async function writeNew(ctx: CommandContext, shown: string, data: string, mode: number): Promise<void> {
  const path = resolve(ctx.io.cwd, shown)
  if (existsSync(path) && !ctx.bool('force')) throw fileExists(shown)
  await mkdir(dirname(path), { recursive: true, mode: 0o755 })
  await writeFile(path, data, { mode })
}

function checkEndpoint(endpoint: string): void {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(endpoint)
  if (!scheme) {
    const hasPort = /:\d+$/.test(endpoint)
    const hint = `https://${hasPort ? endpoint : `${endpoint}:6443`}`
    const what = hasPort ? 'no scheme specified' : 'no scheme and port specified'
    throw new TalosctlError(`${what} for the cluster endpoint URL\ntry: ${JSON.stringify(hint)}`)
  }
  if (scheme[1]!.toLowerCase() !== 'https') throw new TalosctlError('the control plane endpoint URL should have scheme https://')
}

async function loadSecrets(ctx: CommandContext): Promise<SecretsBundle> {
  const file = ctx.str('with-secrets')
  if (!file) return generateSecrets()
  let text: string
  try {
    text = await readFile(resolve(ctx.io.cwd, file), 'utf8')
  } catch {
    throw new TalosctlError(`failed to load secrets bundle: open ${file}: no such file or directory`)
  }
  try {
    return parseSecrets(text)
  } catch (e) {
    throw new TalosctlError((e as Error).message)
  }
}

async function patched(ctx: CommandContext, docs: Record<string, unknown>[], extra: string): Promise<Record<string, unknown>[]> {
  try {
    return await patchDocuments(docs, [...ctx.list('config-patch'), ...ctx.list(extra)], ctx.io.cwd)
  } catch (e) {
    throw new TalosctlError((e as Error).message)
  }
}

/** A client generates at most what it knows itself: a newer contract gets the client's layout. */
function contractFor(requested: string, client: string): string {
  if (!requested) return client
  const tag = requested.split('.').length === 2 ? `${requested}.0` : requested
  return olderThan(tag, client) ? tag : client
}

async function genConfig(ctx: CommandContext): Promise<void> {
  const [clusterName, endpoint] = ctx.args as [string, string]
  checkEndpoint(endpoint)
  const types = ctx.list('output-types')
  const unknownType = types.find((t) => !['controlplane', 'worker', 'talosconfig'].includes(t))
  if (unknownType) throw new TalosctlError(`unknown output type: ${JSON.stringify(unknownType)}`)
  ctx.err('generating PKI and tokens\n')
  const secrets = await loadSecrets(ctx)
  const client = ctx.lab.clientVersion
  const input = {
    clusterName,
    endpoint,
    secrets,
    kubernetesVersion: ctx.str('kubernetes-version') || release(client).kubernetes,
    installDisk: ctx.str('install-disk'),
    installImage: ctx.str('install-image') || `ghcr.io/siderolabs/installer:${client}`,
    additionalSans: ctx.list('additional-sans'),
    dnsDomain: ctx.str('dns-domain'),
    contract: contractFor(ctx.str('talos-version'), client)
  }
  const files: Record<string, () => Promise<string>> = {
    controlplane: async () => renderDocuments(await patched(ctx, machineConfigDocuments('controlplane', input), 'config-patch-control-plane')),
    worker: async () => renderDocuments(await patched(ctx, machineConfigDocuments('worker', input), 'config-patch-worker')),
    talosconfig: async () => renderTalosconfig(adminTalosconfig(clusterName, secrets))
  }
  const names: Record<string, string> = { controlplane: 'controlplane.yaml', worker: 'worker.yaml', talosconfig: 'talosconfig' }
  const output = ctx.str('output') || ctx.str('output-dir')
  if (types.length === 1 && output && !ctx.str('output-dir')) {
    // With a single output type, -o names the file itself, or "-" for stdout.
    const data = await files[types[0]!]!()
    if (output === '-') return ctx.out(data)
    const asDir = existsSync(resolve(ctx.io.cwd, output)) && statSync(resolve(ctx.io.cwd, output)).isDirectory()
    const shown = asDir ? join(output, names[types[0]!]!) : output
    await writeNew(ctx, shown, data, 0o644)
    return ctx.err(`Created ${shown}\n`)
  }
  const dir = output || ctx.io.cwd
  for (const type of ['controlplane', 'worker', 'talosconfig']) {
    if (!types.includes(type)) continue
    const shown = join(dir, names[type]!)
    await writeNew(ctx, shown, await files[type]!(), 0o644)
    ctx.err(`Created ${shown}\n`)
  }
}

async function genSecrets(ctx: CommandContext): Promise<void> {
  await writeNew(ctx, ctx.str('output-file'), renderSecrets(generateSecrets()), 0o600)
}

const talosVersion: FlagSpec = { name: 'talos-version', kind: 'string', help: 'the desired Talos version to generate config for' }

export const genConfigCommand: Command = {
  path: ['gen', 'config'],
  use: 'gen config <cluster name> <cluster endpoint>',
  args: args.exactly(2),
  flags: [
    flag.force,
    { name: 'output', short: 'o', kind: 'string', help: 'destination to output generated files' },
    { name: 'output-dir', kind: 'string' },
    { name: 'output-types', short: 't', kind: 'slice', default: ['controlplane', 'worker', 'talosconfig'] },
    { name: 'with-secrets', kind: 'string', help: 'use a secrets file generated using "gen secrets"' },
    { name: 'config-patch', kind: 'array' },
    { name: 'config-patch-control-plane', kind: 'array' },
    { name: 'config-patch-worker', kind: 'array' },
    talosVersion,
    { name: 'kubernetes-version', kind: 'string' },
    { name: 'install-disk', kind: 'string', default: '/dev/sda' },
    { name: 'install-image', kind: 'string' },
    { name: 'additional-sans', kind: 'slice' },
    { name: 'dns-domain', kind: 'string', default: 'cluster.local' },
    { name: 'registry-mirror', kind: 'array' },
    { name: 'with-docs', kind: 'bool', default: true },
    { name: 'with-examples', kind: 'bool', default: true },
    { name: 'with-kubespan', kind: 'bool' },
    { name: 'with-cluster-discovery', kind: 'bool', default: true },
    { name: 'persist', short: 'p', kind: 'bool', default: true },
    { name: 'version', kind: 'string', default: 'v1alpha1' }
  ],
  run: genConfig
}

export const genSecretsCommand: Command = {
  path: ['gen', 'secrets'],
  use: 'gen secrets',
  args: args.none,
  flags: [
    flag.force,
    { name: 'output-file', short: 'o', kind: 'string', default: 'secrets.yaml', help: 'path of the output file' },
    talosVersion,
    { name: 'from-kubernetes-pki', short: 'p', kind: 'string' },
    { name: 'kubernetes-bootstrap-token', short: 't', kind: 'string' },
    { name: 'from-controlplane-config', kind: 'string' }
  ],
  run: genSecrets
}
