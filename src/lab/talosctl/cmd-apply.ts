import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { configFacts } from '../config-facts'
import { matchLinks } from '../resources/network'
import { parseDocuments } from '../config-facts'
import { renderDocuments } from '../gen/machine-config'
import { patchDocuments } from '../gen/patch'
import type { Machine } from '../model'
import { updateLab } from '../state'
import { args, flag, type Command } from './command'
import { reachInsecure, secureClient, type Reached } from './connect'
import type { CommandContext } from './context'
import { RpcError, TalosctlError } from './errors'
import { installTarget, validateConfig } from './apply-validate'

/**
 * `talosctl apply-config` (alias apply). In maintenance (--insecure) success prints nothing and
 * starts the install: installing → rebooting → booting → running at the config's first static
 * address, answering with mTLS from then on. On a configured machine it prints the summary line.
 */

const MAINTENANCE_MODES = ['auto', 'reboot', 'try']

async function readConfig(ctx: CommandContext): Promise<string> {
  const file = ctx.str('file')
  if (!file) throw new TalosctlError('no filename supplied for configuration')
  let text: string
  try {
    text = await readFile(resolve(ctx.io.cwd, file), 'utf8')
  } catch {
    throw new TalosctlError(`failed to read configuration from ${JSON.stringify(file)}: open ${file}: no such file or directory`)
  }
  if (text.length === 0) throw new TalosctlError('no configuration data read')
  const patches = ctx.list('config-patch')
  if (patches.length === 0) return text
  try {
    return renderDocuments(
      await patchDocuments(
        parseDocuments(text).map((d) => d.body),
        patches,
        ctx.io.cwd
      )
    )
  } catch (e) {
    throw new TalosctlError((e as Error).message)
  }
}

/**
 * The address the machine takes: the first static address of an interface the config selects on
 * this machine. A selector matching none of its links (another machine's MAC) leaves it on DHCP.
 */
function takenIp(text: string, m: Machine): string | undefined {
  for (const i of configFacts(text).interfaces) {
    const first = i.addresses[0]
    if (first && matchLinks(m.network.links, i).length > 0) return first.split('/')[0]
  }
  return undefined
}

function installedVersion(image: string | undefined, current: string): string {
  const tag = /:(v1\.(9|1[0-3])\.\d+)$/.exec(image ?? '')
  return tag ? tag[1]! : current
}

function store(m: Machine, text: string, facts: ReturnType<typeof validateConfig>): void {
  m.configured = true
  m.config = text
  m.role = facts.type === 'worker' ? 'worker' : 'controlplane'
  m.cluster = { name: facts.clusterName ?? '', endpoint: facts.endpoint ?? '', ca: facts.ca ?? '' }
}

async function applyInMaintenance(ctx: CommandContext, t: Reached, text: string, mode: string): Promise<void> {
  if (!MAINTENANCE_MODES.includes(mode)) {
    throw new RpcError(`rpc error: code = Unimplemented desc = apply configuration --mode='${mode}' is not supported in maintenance mode`)
  }
  const facts = validateConfig(text, t.view.machine)
  if (ctx.bool('dry-run')) {
    ctx.err('Dry run summary:\nNode is running in maintenance mode and does not have a config yet.\n')
    return
  }
  await updateLab(ctx.labFile!, (lab, now) => {
    const m = lab.machines.find((x) => x.id === t.view.machine.id)
    if (!m) return
    store(m, text, facts)
    const target = installTarget(facts, m)
    m.bootstrapped = false
    m.stage = 'installing'
    m.transition = { kind: 'install', startedAt: now, fromIp: t.ip }
    m.ip = takenIp(text, m) ?? m.dhcpIp
    m.talosVersion = installedVersion(facts.installImage, m.talosVersion)
    if (target.disk) m.systemDisk = target.disk
    if (target.problem) m.installError = target.problem
    else delete m.installError
  })
}

async function applyConfigured(ctx: CommandContext, t: Reached, text: string, mode: string): Promise<void> {
  const facts = validateConfig(text, t.view.machine)
  const summary: Record<string, string> = {
    auto: 'Applied configuration without a reboot',
    'no-reboot': 'Applied configuration without a reboot',
    try: "Applied configuration without a reboot\nThe config is applied in 'try' mode and will be automatically reverted back in 1m0s",
    reboot: 'Applied configuration with a reboot',
    staged: 'Staged configuration to be applied after the next reboot'
  }
  const line = summary[mode]
  if (!line) throw new RpcError(`rpc error: code = InvalidArgument desc = unsupported apply mode ${JSON.stringify(mode)}`)
  if (ctx.bool('dry-run')) {
    ctx.err(`Dry run summary:\n${line.split('\n')[0]} (skipped in dry-run).\n`)
    return
  }
  if (mode !== 'staged') {
    await updateLab(ctx.labFile!, (lab, now) => {
      const m = lab.machines.find((x) => x.id === t.view.machine.id)
      if (!m) return
      store(m, text, facts)
      m.ip = takenIp(text, m) ?? m.ip
      if (mode === 'reboot') m.transition = { kind: 'reboot', startedAt: now, fromIp: t.ip }
    })
  }
  ctx.err(line + '\n')
}

async function run(ctx: CommandContext): Promise<void> {
  const text = await readConfig(ctx)
  const mode = ctx.str('mode')
  try {
    if (ctx.bool('insecure')) {
      const t = await reachInsecure(ctx)
      await applyInMaintenance(ctx, t, text, mode)
      return
    }
    const client = await secureClient(ctx)
    for (const node of client.nodes) {
      // Without --insecure a maintenance machine fails the TLS handshake inside reach().
      const t = await client.reach(node)
      await applyConfigured(ctx, t, text, mode)
    }
  } catch (e) {
    if (e instanceof RpcError) throw new TalosctlError(`error applying new configuration: ${e.message}`)
    throw e
  }
}

export const applyConfigCommand: Command = {
  path: ['apply-config'],
  aliases: ['apply'],
  use: 'apply-config',
  args: args.none,
  flags: [
    { name: 'file', short: 'f', kind: 'string', help: 'the filename of the updated configuration' },
    flag.insecure,
    { name: 'dry-run', kind: 'bool', help: 'check how the config change will be applied in dry-run mode' },
    { name: 'mode', short: 'm', kind: 'string', default: 'auto', help: 'apply config mode' },
    { name: 'config-patch', short: 'p', kind: 'array', help: 'the list of config patches to apply to the local config file before sending it to the node' },
    { name: 'cert-fingerprint', kind: 'array', help: 'list of server certificate fingeprints to accept' },
    { name: 'timeout', kind: 'string', default: '1m0s', help: 'the config will be rolled back after specified timeout (if try mode is selected)' }
  ],
  run
}
