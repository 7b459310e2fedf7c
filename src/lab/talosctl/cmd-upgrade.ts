import { randomUUID } from 'node:crypto'
import type { Machine } from '../model'
import { locate, viewMachine } from '../stage'
import { updateLab } from '../state'
import { memberId } from './cmd-etcd'
import { parseDuration } from './cmd-health'
import { args, type Command } from './command'
import { reachInsecure, secureClient, type Reached } from './connect'
import type { CommandContext } from './context'
import { ReportedError, RpcError, TalosctlError, maintenanceUnimplemented } from './errors'
import { table } from './output'

/**
 * `talosctl upgrade --image IMG` (v1.9–v1.13, the MachineService.Upgrade path with its action
 * tracker). Without --wait: the NODE/ACK/STARTED table. With --wait (the default): the tracker's
 * non-terminal lines on stderr (`"<node>": <message>`), the reboot, then "post check passed"
 * once the node runs again at the image's version; on its --timeout it reports the error on the
 * node's line and exits 1 without a further message (talosctl suppresses it). The machine keeps
 * the image (a schematic change is an upgrade too). Fault `bootHangs`: it never comes back.
 */

const INSTALLER = /^(ghcr\.io\/siderolabs\/installer|factory\.talos\.dev\/(metal-)?installer\/[0-9a-f]{64}):(v1\.(9|1[0-3])\.\d+)$/

/** The version an installer image installs; the lab only knows images of the releases it models. */
function imageVersion(image: string): string {
  const m = INSTALLER.exec(image)
  // Not taken from a real capture: Talos reports the failed pull of the installer image this way.
  if (!m)
    throw new RpcError(`rpc error: code = Unknown desc = error validating installer image ${JSON.stringify(image)}: failed to pull image: ${image}: not found`)
  return m[3]!
}

/** Talos checks etcd before a control plane leaves it for the upgrade (skipped with --force). */
function checkEtcdHealthy(ctx: CommandContext, m: Machine): void {
  if (m.role !== 'controlplane' || ctx.bool('force')) return
  const now = Date.now()
  for (const peer of ctx.lab.machines) {
    if (peer.id === m.id || peer.role !== 'controlplane' || !peer.configured || peer.cluster?.ca !== m.cluster?.ca) continue
    if (viewMachine(peer, now, ctx.lab.timing).stage !== 'running') {
      // Not taken from a real capture: the wording of Talos's etcd pre-upgrade check.
      throw new RpcError(
        `rpc error: code = FailedPrecondition desc = etcd member ${memberId(peer)} is not healthy; all members must be healthy to perform an upgrade`
      )
    }
  }
}

/** Records the new system and starts its reboot; the stage follows from the lab timing. */
async function start(ctx: CommandContext, t: Reached, image: string): Promise<void> {
  const version = imageVersion(image)
  if (t.view.stage !== 'running') throw new RpcError('rpc error: code = FailedPrecondition desc = upgrade is not available yet')
  checkEtcdHealthy(ctx, t.view.machine)
  await updateLab(ctx.labFile!, (lab, now) => {
    const m = lab.machines.find((x) => x.id === t.view.machine.id)
    if (!m) return
    m.talosVersion = version
    m.installImage = image
    m.transition = { kind: 'reboot', startedAt: now, fromIp: m.ip }
  })
}

/** Polls the lab as the tracker watches events: reboot, BOOTING, RUNNING ready, post check. */
async function track(ctx: CommandContext, node: string, id: string, deadline: number): Promise<void> {
  const say = (msg: string) => ctx.err(`${JSON.stringify(node)}: ${msg}\n`)
  let seen = ''
  for (;;) {
    const lab = await ctx.reloadLab()
    const where = locate(lab, node, Date.now())
    const stage = where.kind === 'machine' && where.view.machine.id === id ? where.view.stage : 'down'
    if (stage !== seen) {
      if (stage === 'down' || stage === 'rebooting') say('unavailable, retrying...')
      if (stage === 'booting') say('stage: BOOTING ready: false unmetCond: [name:"nodeReady" reason:"node status is not available yet"]')
      if (stage === 'running') {
        // A reboot faster than one poll still went through "unavailable".
        if (seen === '') say('unavailable, retrying...')
        say('stage: RUNNING ready: true unmetCond: []')
        say('events check condition met')
        say('post check passed')
        return
      }
      seen = stage
    }
    if (Date.now() >= deadline) {
      say('context deadline exceeded')
      throw new ReportedError('context deadline exceeded')
    }
    await ctx.sleep(Math.max(5, Math.min(50, ctx.lab.timing.bootDelayMs / 3)))
  }
}

async function run(ctx: CommandContext): Promise<void> {
  const image = ctx.str('image')
  try {
    if (ctx.bool('insecure')) {
      await reachInsecure(ctx)
      throw maintenanceUnimplemented()
    }
    const client = await secureClient(ctx)
    if (!ctx.bool('wait') && !ctx.bool('debug')) {
      const rows = [['NODE', 'ACK', 'STARTED']]
      for (const node of client.nodes) {
        await start(ctx, await client.reach(node), image)
        rows.push([node, 'Upgrade request received', `${new Date().toISOString().replace('T', ' ').replace('Z', '')} +0000 UTC`])
      }
      ctx.out(table(rows))
      return
    }
    const deadline = Date.now() + Math.min(parseDuration(ctx.str('timeout')), ctx.lab.timing.waitCapMs)
    for (const node of client.nodes) {
      const t = await client.reach(node)
      const say = (msg: string) => ctx.err(`${JSON.stringify(node)}: ${msg}\n`)
      say('waiting for actor ID')
      try {
        await start(ctx, t, image)
      } catch (e) {
        // The tracker reports the refusal on the node's line and exits 1.
        if (e instanceof RpcError) say(e.message)
        if (e instanceof RpcError) throw new ReportedError(e.message)
        throw e
      }
      say(`actor ID: ${randomUUID()}`)
      say('sequence: upgrade action: START')
      if (t.view.machine.role === 'controlplane') say('task: leaveEtcd action: START')
      say('task: upgrade action: START')
      say('task: stopAllServices action: START')
      await track(ctx, node, t.view.machine.id, deadline)
    }
  } catch (e) {
    if (e instanceof RpcError) throw new TalosctlError(`error performing upgrade: ${e.message}`)
    throw e
  }
}

export const upgradeCommand: Command = {
  path: ['upgrade'],
  use: 'upgrade',
  args: args.none,
  flags: [
    {
      name: 'image',
      short: 'i',
      kind: 'string',
      default: 'ghcr.io/siderolabs/installer:v1.11.6',
      help: 'the container image to use for performing the install'
    },
    { name: 'preserve', short: 'p', kind: 'bool', help: 'preserve data' },
    { name: 'stage', short: 's', kind: 'bool', help: 'stage the upgrade to perform it after a reboot' },
    { name: 'force', short: 'f', kind: 'bool', help: 'force the upgrade (skip checks on etcd health and members, might lead to data loss)' },
    {
      name: 'reboot-mode',
      short: 'm',
      kind: 'string',
      default: 'default',
      help: 'select the reboot mode during upgrade. Mode "powercycle" bypasses kexec. Values: [default powercycle]'
    },
    { name: 'insecure', kind: 'bool', help: 'use Talos maintenance mode API' },
    { name: 'wait', kind: 'bool', default: true, help: 'wait for the operation to complete, tracking its progress. always set to true when --debug is set' },
    { name: 'debug', kind: 'bool', help: 'debug operation from kernel logs. --wait is set to true when this flag is set' },
    { name: 'timeout', kind: 'string', default: '30m0s', help: 'time to wait for the operation is complete if --debug or --wait is set' }
  ],
  run
}
