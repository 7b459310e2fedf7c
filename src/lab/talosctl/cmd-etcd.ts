import { createHash } from 'node:crypto'
import { open, rename, rm } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { LabFile, Machine } from '../model'
import { clusterBootstrapped, effectiveHostname } from '../resources/catalog'
import { viewMachine } from '../stage'
import { updateLab } from '../state'
import { args, type Command } from './command'
import { secureClient, type Reached } from './connect'
import type { CommandContext } from './context'
import { RpcError, TalosctlError, multiError } from './errors'
import { table } from './output'

/**
 * `talosctl etcd snapshot <path>`, `etcd members`, `etcd remove-member <ID>` and `etcd leave`, as Talos documents them
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
  if (t.view.stage !== 'running' || !clusterBootstrapped(m, lab) || m.etcdRemoved) {
    throw new RpcError('rpc error: code = FailedPrecondition desc = etcd is not running on this node yet')
  }
  return m
}

/** Deterministic database bytes for the cluster, with etcd's trailing sha256. */
function snapshotBytes(m: Machine, lab: LabFile): Buffer {
  const seed = createHash('sha256')
    .update(`${m.cluster?.ca ?? ''}/${lab.machines.filter((x) => x.bootstrapped).length}`)
    .digest()
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
    ctx.out(
      `snapshot info: hash ${hash.toString(16).padStart(8, '0')}, revision ${4000 + Math.floor(bytes.length / 512)}, total keys ${bytes.length >> 6}, total size ${bytes.length}\n`
    )
  } finally {
    await file?.close().catch(() => undefined)
    await rm(partPath, { force: true })
  }
}

export function memberId(m: Machine): string {
  return createHash('sha256').update(m.id).digest('hex').slice(0, 16)
}

/**
 * The etcd members of `m`'s cluster: configured control planes that finished their install (a
 * new one joins when it first runs), until their member is removed. A member stays one while
 * it reboots or is powered off: etcd only knows it as not started.
 */
export function etcdMembers(m: Machine, lab: LabFile, now = Date.now()): Machine[] {
  const joined = (x: Machine) => x.bootstrapped || x.transition?.kind !== 'install' || viewMachine(x, now, lab.timing).stage === 'running'
  return lab.machines
    .filter((x) => x.role === 'controlplane' && x.cluster?.ca === m.cluster?.ca && x.configured && !x.etcdRemoved && joined(x))
    .sort((a, b) => memberId(a).localeCompare(memberId(b)))
}

/** Started = its etcd runs now: etcd's strict reconfiguration check counts these. */
function started(x: Machine, lab: LabFile, now: number): boolean {
  const v = viewMachine(x, now, lab.timing)
  return v.api === 'apid' && v.stage === 'running'
}

/**
 * Removes a member the way etcd does with --strict-reconfig-check (Talos's default): refused when
 * the members left would not have a started majority. Texts: etcd's errors, which Talos wraps.
 */
async function removeMember(ctx: CommandContext, from: Machine, pick: (members: Machine[]) => Machine | undefined, id: string): Promise<void> {
  await updateLab(ctx.labFile!, (lab, now) => {
    const me = lab.machines.find((x) => x.id === from.id)!
    const members = etcdMembers(me, lab, now)
    const gone = pick(members)
    if (!gone) throw new RpcError(`rpc error: code = Unknown desc = failed to remove member ${id}: etcdserver: member not found`)
    const rest = members.filter((x) => x !== gone)
    const up = rest.filter((x) => started(x, lab, now)).length
    if (rest.length === 0 || up < Math.floor(rest.length / 2) + 1) {
      throw new RpcError(
        `rpc error: code = Unknown desc = failed to remove member ${id}: etcdserver: re-configuration failed due to not enough started members`
      )
    }
    gone.etcdRemoved = true
  })
}

const decimal = (hex: string): string => BigInt(`0x${hex}`).toString()

async function removeMemberCommand(ctx: CommandContext): Promise<void> {
  const raw = ctx.args[0]!
  if (!/^[0-9a-fA-F]{1,16}$/.test(raw)) throw new TalosctlError(`error parsing member ID: strconv.ParseUint: parsing ${JSON.stringify(raw)}: invalid syntax`)
  const client = await secureClient(ctx)
  for (const node of client.nodes) {
    const t = await client.reach(node)
    const m = checkEtcd(t, ctx.lab, 'etcd remove member')
    const want = raw.toLowerCase().padStart(16, '0')
    await removeMember(ctx, m, (list) => list.find((x) => memberId(x) === want), decimal(want))
  }
}

async function leave(ctx: CommandContext): Promise<void> {
  const client = await secureClient(ctx)
  for (const node of client.nodes) {
    const t = await client.reach(node)
    const m = checkEtcd(t, ctx.lab, 'etcd leave')
    await removeMember(ctx, m, (list) => list.find((x) => x.id === m.id), decimal(memberId(m)))
  }
}

async function members(ctx: CommandContext): Promise<void> {
  const client = await secureClient(ctx)
  const rows: string[][] = [['NODE', 'ID', 'HOSTNAME', 'PEER URLS', 'CLIENT URLS', 'LEARNER']]
  const errors: string[] = []
  for (const node of client.nodes) {
    try {
      const t = await client.reach(node)
      const m = checkEtcd(t, ctx.lab, 'member list')
      for (const x of etcdMembers(m, ctx.lab)) {
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
  { path: ['etcd', 'members'], use: 'members', args: args.none, flags: [], run: members },
  { path: ['etcd', 'remove-member'], use: 'remove-member <member ID>', args: args.exactly(1), flags: [], run: removeMemberCommand },
  { path: ['etcd', 'leave'], use: 'leave', args: args.none, flags: [], run: leave }
]
