import { resolveType, type ResourceType } from '../resources/catalog'
import { args, flag, type Command } from './command'
import { reachInsecure, secureClient, type Reached } from './connect'
import type { CommandContext } from './context'
import { RpcError, TalosctlError, multiError } from './errors'
import { garble, jsonDoc, jsonpathDoc, parseOutputFormat, table, tableRows, yamlDoc, type ResourceDoc } from './output'
import { olderThan } from './versions'

/**
 * `talosctl get <type> [<id>]`: per node, resolve the type against what that node's Talos
 * registers, list or fetch, and write in the chosen format. Per-node failures are collected and
 * reported together at the end in go-multierror's format, after whatever did print.
 */

function docsFor(ctx: CommandContext, target: Reached, type: ResourceType, id: string | undefined): ResourceDoc[] {
  const ns = ctx.str('namespace') || type.namespace
  const items = ns === type.namespace ? type.list(target.view, ctx.lab) : []
  // COSI lists come back sorted by id.
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const chosen = id === undefined ? sorted : sorted.filter((i) => i.id === id)
  if (id !== undefined && chosen.length === 0) {
    throw new RpcError(`rpc error: code = NotFound desc = resource ${type.type}(${ns}/${id}@undefined) doesn't exist`)
  }
  return chosen.map((i) => ({
    node: target.node,
    metadata: {
      namespace: type.namespace,
      type: type.type,
      id: i.id,
      version: i.version ?? 1,
      owner: type.owner,
      phase: 'running',
      created: target.view.bootedAt,
      updated: target.view.bootedAt
    },
    spec: i.spec,
    display: type.display,
    columns: type.columns
  }))
}

async function run(ctx: CommandContext): Promise<void> {
  const format = parseOutputFormat(ctx.str('output'))
  const [typeName, id] = ctx.args as [string, string | undefined]
  const insecure = ctx.bool('insecure')
  const reachers: (() => Promise<Reached>)[] = []
  if (insecure) {
    // No -n: client construction fails before any per-node call, so the error is not wrapped.
    if (ctx.list('nodes').length === 0) await reachInsecure(ctx)
    reachers.push(() => reachInsecure(ctx))
  } else {
    const client = await secureClient(ctx)
    for (const node of client.nodes) reachers.push(() => client.reach(node))
  }

  const errors: string[] = []
  const tableDocs: ResourceDoc[] = []
  let tableColumns: ResourceType['columns'] | undefined
  let written = 0
  for (const reach of reachers) {
    try {
      const target = await reach()
      const version = target.view.machine.talosVersion
      if (!insecure && olderThan(version, ctx.lab.clientVersion)) {
        ctx.err(`WARNING: ${target.node}: server version ${version.slice(1)} is older than client version ${ctx.lab.clientVersion.slice(1)}\n`)
      }
      const type = resolveType(typeName, version)
      if (!type) throw new RpcError(`rpc error: code = NotFound desc = resource ${JSON.stringify(typeName)} is not registered`)
      const docs = docsFor(ctx, target, type, id)
      if (format.kind === 'table') {
        tableColumns ??= type.columns
        tableDocs.push(...docs)
        continue
      }
      let text = ''
      for (const d of docs) {
        if (format.kind === 'json') text += jsonDoc(d)
        else if (format.kind === 'yaml') text += yamlDoc(d, written === 0)
        else if (format.kind === 'jsonpath') text += jsonpathDoc(d, format.template)
        written++
      }
      ctx.out(target.garbage && text ? garble(text) : text)
    } catch (e) {
      if (!(e instanceof TalosctlError)) throw e
      errors.push(e.message)
    }
  }
  if (format.kind === 'table' && tableColumns) ctx.out(table(tableRows(tableDocs, tableColumns)))
  if (errors.length) throw multiError(errors)
}

export const getCommand: Command = {
  path: ['get'],
  aliases: ['g'],
  use: 'get <type> [<id>]',
  args: args.between(1, 2),
  flags: [
    flag.insecure,
    { name: 'output', short: 'o', kind: 'string', default: 'table', help: 'output mode (json, table, yaml, jsonpath)' },
    { name: 'namespace', kind: 'string', help: 'resource namespace (default is to use default namespace per resource)' },
    { name: 'watch', short: 'w', kind: 'bool', help: 'watch resource changes' }
  ],
  run
}
