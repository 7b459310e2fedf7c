import { existsSync, statSync } from 'node:fs'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { parse, stringify } from 'yaml'
import { configFacts } from '../config-facts'
import { fromBase64, issue, toBase64 } from '../pki/certs'
import { args, type Command } from './command'
import { secureClient } from './connect'
import type { CommandContext } from './context'
import { RpcError, TalosctlError } from './errors'

/**
 * `talosctl kubeconfig [path|-]`: an admin kubeconfig for the node's cluster, its client
 * certificate signed by the cluster's Kubernetes CA. Default target ~/.kube/config, merged;
 * a directory gets <dir>/kubeconfig; without merge the file is written 0600 and an existing
 * one is refused unless --force.
 */

type Kubeconfig = {
  apiVersion: string
  kind: string
  clusters: { name: string; cluster: Record<string, string> }[]
  users: { name: string; user: Record<string, string> }[]
  contexts: { name: string; context: Record<string, string> }[]
  'current-context': string
  [k: string]: unknown
}

function build(config: string | undefined): Kubeconfig {
  const f = configFacts(config)
  if (!f.k8sCa?.crt || !f.k8sCa.key) {
    // Only control planes hold the Kubernetes CA key that admin credentials are made from.
    throw new RpcError('rpc error: code = NotFound desc = kubeconfig is not available on worker nodes')
  }
  const ca = { crt: fromBase64(f.k8sCa.crt), key: fromBase64(f.k8sCa.key) }
  const admin = issue({ kind: 'ecdsa', subject: { O: 'system:masters', CN: 'admin' }, days: 365, usages: ['clientAuth'] }, ca)
  const name = f.clusterName ?? 'talos'
  const user = `admin@${name}`
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: f.endpoint ?? '', 'certificate-authority-data': f.k8sCa.crt } }],
    users: [{ name: user, user: { 'client-certificate-data': toBase64(admin.crt), 'client-key-data': toBase64(admin.key) } }],
    contexts: [{ name: user, context: { cluster: name, namespace: 'default', user } }],
    'current-context': user
  }
}

function freeName(taken: string[], name: string): string {
  let n = 1
  while (taken.includes(`${name}-${n}`)) n++
  return `${name}-${n}`
}

/** Adds the new cluster, user and context; on a clash without --force the new ones are renamed. */
function merge(ctx: CommandContext, existing: Kubeconfig, fresh: Kubeconfig): Kubeconfig {
  const out: Kubeconfig = {
    ...existing,
    clusters: [...(existing.clusters ?? [])],
    users: [...(existing.users ?? [])],
    contexts: [...(existing.contexts ?? [])]
  }
  const add = <T extends { name: string }>(list: T[], item: T, what: string): string => {
    const at = list.findIndex((x) => x.name === item.name)
    if (at < 0 || ctx.bool('force')) {
      if (at < 0) list.push(item)
      else list[at] = item
      return item.name
    }
    const renamed = freeName(
      list.map((x) => x.name),
      item.name
    )
    ctx.err(`renamed ${what} ${JSON.stringify(item.name)} -> ${JSON.stringify(renamed)}\n`)
    list.push({ ...item, name: renamed })
    return renamed
  }
  const cluster = add(out.clusters, fresh.clusters[0]!, 'cluster')
  const user = add(out.users, fresh.users[0]!, 'user')
  const c = fresh.contexts[0]!
  const context = add(out.contexts, { name: c.name, context: { ...c.context, cluster, user } }, 'context')
  out['current-context'] = context
  return out
}

async function run(ctx: CommandContext): Promise<void> {
  let fresh: Kubeconfig
  try {
    const client = await secureClient(ctx)
    fresh = build((await client.reach(client.nodes[0]!)).view.machine.config)
  } catch (e) {
    if (e instanceof RpcError) throw new TalosctlError(`error copying: ${e.message}`)
    throw e
  }
  const arg = ctx.args[0]
  if (arg === '-') return ctx.out(stringify(fresh))
  let path = arg ? resolve(ctx.io.cwd, arg) : join(ctx.home, '.kube', 'config')
  if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'kubeconfig')
  const exists = existsSync(path)
  const mergeIt = ctx.bool('merge')
  if (exists && !ctx.bool('force') && !mergeIt) throw new TalosctlError(`${path} already exists, use --force to overwrite`)
  let doc = fresh
  if (exists && mergeIt) doc = merge(ctx, (parse(await readFile(path, 'utf8')) ?? {}) as Kubeconfig, fresh)
  await mkdir(dirname(path), { recursive: true, mode: 0o700 })
  await writeFile(path, stringify(doc), { mode: 0o600 })
  await chmod(path, 0o600)
}

export const kubeconfigCommand: Command = {
  path: ['kubeconfig'],
  use: 'kubeconfig [local-path]',
  args: args.between(0, 1),
  flags: [
    { name: 'force', short: 'f', kind: 'bool', help: 'Force overwrite of kubeconfig if already present, force overwrite on kubeconfig merge' },
    { name: 'merge', short: 'm', kind: 'bool', default: true, help: 'Merge with existing kubeconfig' },
    { name: 'force-context-name', kind: 'string', help: 'Force context name for kubeconfig merge' }
  ],
  run
}
