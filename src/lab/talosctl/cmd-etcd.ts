import { createHash } from 'node:crypto'
import { open, rename, rm } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { LabFile, Machine } from '../model'
import { clusterBootstrapped, effectiveHostname } from '../resources/catalog'
import { args, type Command } from './command'
import { secureClient, type Reached } from './connect'
import type { CommandContext } from './context'
import { RpcError, TalosctlError, multiError } from './errors'
import { table } from './output'

/**
 * `talosctl etcd snapshot <path>` and `talosctl etcd members`, as Talos documents them
 * (disaster-recovery guide, talosctl source): control-plane nodes only ("… is only available on
 * control plane nodes", gRPC Unimplemented), one node for a snapshot, the snapshot streamed to
 * <path>.part (0600) and renamed at the end, its size a multiple of 512 plus the 32-byte sha256
 * etcd appends.
 */

const CHUNK = 4096
const CHUNKS = 16

function notControlPlane(api: string): RpcError {
  return new RpcError(`rpc error: code = Unimplemented desc = ${api} is only available on control plane nodes`)
}

/** Etcd runs on a control plane of a bootstrapped cluster once the node is up. */
function checkEtcd(t: Reached, lab: LabFile, api: string): Machine {
  const m = t.view.machine
  if (m.role !== 'controlplane') throw notControlPlane(api)
  // Not taken from a real capture: Talos's local etcd client cannot answer before etcd starts.
  if (t.view.stage !== 'running' || !clusterBootstrapped(m, lab)) {
    throw new RpcError('rpc error: code = FailedPrecondition desc = etcd is not running on this node yet')
  }
  return m
}

/** Deterministic database bytes for the cluster, with etcd's trailing sha256. */
function snapshotBytes(m: Machine, lab: LabFile): Buffer {
  const seed = createHash('sha256').update(`${m.cluster?.ca ?? ''}/${lab.machines.filter((x) => x.bootstrapped).length}`).digest()
  const body = Buffer.alloc(CHUNK * CHUNKS)
  for (let i = 0; i < body.length; i += seed.length) seed.copy(body, i)
  return Buffer.concat([body, createHash('sha256').update(body).digest()])
}

async function snapshot(ctx: CommandContext): Promise<void> {
  const client = await secureClient(ctx)
  if (client.nodes.length > 1) throw new TalosctlError('command "etcd snapshot" is not supported with multiple nodes')
  const dbPath = resolve(ctx.io.cwd, ctx.args[0]!)
  const partPath = `${dbPath}.part`
  let file
  try {
    file = await open(partPath, 'w', 0o600)
  } catch (e) {
    throw new TalosctlError(`error creating temporary file: ${(e as Error).message}`)
  }
  try {
    let bytes: Buffer
    try {
      const t = await client.reach(client.nodes[0]!)
      bytes = snapshotBytes(checkEtcd(t, ctx.lab, 'etcd snapshot'), ctx.lab)
    } catch (e) {
      if (e instanceof RpcError) throw new TalosctlError(`error reading: ${e.message}`)
      throw e
    }
    // A slow machine streams slowly: long enough for a test to cancel mid-stream.
    const pause = (await client.reach(client.nodes[0]!)).view.machine.faults.slowMs ?? 0
    for (let at = 0; at < bytes.length; at += CHUNK) {
      await file.write(bytes.subarray(at, Math.min(at + CHUNK, bytes.length)))
      if (pause) await ctx.sleep(pause)
    }
    await file.sync()
    await file.close()
    file = undefined
    await rename(partPath, dbPath)
    const hash = createHash('sha256').update(bytes).digest().readUInt32BE(0)
    ctx.out(`etcd snapshot saved to ${JSON.stringify(ctx.args[0])} (${bytes.length} bytes)\n`)
    ctx.out(`snapshot info: hash ${hash.toString(16).padStart(8, '0')}, revision ${4000 + Math.floor(bytes.length / 512)}, total keys ${bytes.length >> 6}, total size ${bytes.length}\n`)
  } finally {
    await file?.close().catch(() => undefined)
    await rm(partPath, { force: true })
  }
}

export function memberId(m: Machine): string {
  return createHash('sha256').update(m.id).digest('hex').slice(0, 16)
}

async function members(ctx: CommandContext): Promise<void> {
  const client = await secureClient(ctx)
  const rows: string[][] = [['NODE', 'ID', 'HOSTNAME', 'PEER URLS', 'CLIENT URLS', 'LEARNER']]
  const errors: string[] = []
  for (const node of client.nodes) {
    try {
      const t = await client.reach(node)
      const m = checkEtcd(t, ctx.lab, 'member list')
      const cps = ctx.lab.machines.filter((x) => x.role === 'controlplane' && x.cluster?.ca === m.cluster?.ca && x.configured)
      for (const x of cps.sort((a, b) => memberId(a).localeCompare(memberId(b)))) {
        rows.push([node, memberId(x), effectiveHostname(x), `https://${x.ip}:2380`, `https://${x.ip}:2379`, 'false'])
      }
    } catch (e) {
      if (!(e instanceof RpcError)) throw e
      errors.push(`${node}: ${e.message}`)
    }
  }
  if (rows.length === 1) throw multiError(errors)
  // Some nodes answered: talosctl warns about the others and prints the table.
  if (errors.length) ctx.err(`WARNING: ${multiError(errors).message}`)
  ctx.out(table(rows))
}

export const etcdCommands: Command[] = [
  { path: ['etcd', 'snapshot'], use: 'snapshot <path>', args: args.exactly(1), flags: [], run: snapshot },
  { path: ['etcd', 'members'], use: 'members', args: args.none, flags: [], run: members }
]
