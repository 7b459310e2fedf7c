import type { EtcdMembers, NodeServices } from '../../shared/contract/node-ops'
import type { Operation } from '../../shared/contract/operations'
import { AppError } from '../../shared/errors'
import { timingWith, type LifecycleTiming } from '../cluster/timing'
import type { EventBus } from '../event-bus'
import { pathExists } from '../fs-safe'
import type { NodeService } from '../nodes/nodes'
import type { OperationsService } from '../operations/types'
import { instancePaths } from '../paths'
import { callTalos, type CallDecl } from '../talos/calls/define'
import type { OnNode } from '../talos/calls/node'
import type { TalosApi } from '../talos/talos-api'
import { joinedControlPlanes } from './etcd-join'
import { createLogFollows, readLogTail } from './log-stream'
import { listMembers } from './members'
import { REBOOT_STEPS, runReboot, runShutdown, SHUTDOWN_STEPS } from './power'
import { REMOVE_CP_STEPS, runRemoveControlPlane } from './remove-control-plane'
import { requireConfirm, resolveNode, type NodeRef } from './resolve'
import { createNodeTalos } from './talos-node'

export interface NodeOpsDeps {
  dataDir: string
  nodes: NodeService
  talos: Pick<TalosApi, 'runner' | 'reset'>
  operations: OperationsService
  events: EventBus
  timing?: Partial<LifecycleTiming>
}

export interface LogInput {
  instance: string
  node: string
  service?: string
  tail: number
}

/** What an operator does with a node after setup: look at it, follow its logs, power it, remove it. */
export function createNodeOpsService(deps: NodeOpsDeps) {
  const talos = createNodeTalos(deps.talos.runner)
  const follows = createLogFollows({ talos, events: deps.events })
  const timing = timingWith(deps.timing)

  async function locate(instance: string, node: string): Promise<{ n: NodeRef; talosconfig: string }> {
    const n = resolveNode(await deps.nodes.records(instance), node)
    const talosconfig = instancePaths(deps.dataDir, instance).talosconfig
    if (!(await pathExists(talosconfig))) {
      throw new AppError('NOT_FOUND', 'This instance has no talosconfig yet. Set up a control-plane node first.')
    }
    return { n, talosconfig }
  }

  async function services(instance: string, node: string, signal?: AbortSignal): Promise<NodeServices> {
    const { n, talosconfig } = await locate(instance, node)
    const list = await talos.services({ target: { node: n.ip, talosconfig }, signal })
    return { node: n.hostname, ip: n.ip, services: list.map(({ node: _node, ...s }) => s) }
  }

  /**
   * Runs a declared read (talos/calls) on one node, found by hostname or address, with the
   * instance's talosconfig: a new read-only capability needs its declaration and a handler line.
   */
  async function read<O extends object>(
    instance: string,
    node: string,
    decl: CallDecl<OnNode, O>,
    signal?: AbortSignal
  ): Promise<{ node: string; ip: string } & O> {
    const { n, talosconfig } = await locate(instance, node)
    const value = await callTalos(deps.talos.runner, decl, { target: { node: n.ip, talosconfig } }, { signal })
    return { node: n.hostname, ip: n.ip, ...value }
  }

  async function logs(i: LogInput, signal?: AbortSignal) {
    const { n, talosconfig } = await locate(i.instance, i.node)
    return readLogTail(talos, { target: { node: n.ip, talosconfig }, service: i.service, tail: i.tail, signal })
  }

  /**
   * The CLI's stream: lines to `onLine` until the log ends or `signal` aborts. Without follow the
   * tail is cut here too: talosctl dmesg has no line count.
   */
  async function streamLogs(i: LogInput & { follow: boolean; onLine: (line: string) => void }, signal?: AbortSignal): Promise<void> {
    const { n, talosconfig } = await locate(i.instance, i.node)
    const target = { node: n.ip, talosconfig }
    if (!i.follow) {
      for (const line of (await readLogTail(talos, { target, service: i.service, tail: i.tail, signal })).lines) i.onLine(line)
      return
    }
    await talos.stream({ target, service: i.service, tail: i.tail, follow: true, onLine: i.onLine, signal })
  }

  async function follow(i: LogInput): Promise<string> {
    const { n, talosconfig } = await locate(i.instance, i.node)
    return follows.follow({ target: { node: n.ip, talosconfig }, service: i.service, tail: i.tail })
  }

  async function power(kind: 'reboot' | 'shutdown', instance: string, node: string, confirm?: string): Promise<Operation> {
    const { n, talosconfig } = await locate(instance, node)
    requireConfirm(n, confirm, kind, `wild node ${kind}`)
    const d = { talos, talosconfig, timing }
    return kind === 'reboot'
      ? deps.operations.start({ type: 'node-reboot', instance, target: n.hostname, steps: [...REBOOT_STEPS] }, (op) => runReboot(d, n, op))
      : deps.operations.start({ type: 'node-shutdown', instance, target: n.hostname, steps: [...SHUTDOWN_STEPS] }, (op) => runShutdown(d, n, op))
  }

  async function etcdMembers(instance: string, signal?: AbortSignal): Promise<EtcdMembers> {
    const cps = joinedControlPlanes(await deps.nodes.records(instance), '')
    const talosconfig = instancePaths(deps.dataDir, instance).talosconfig
    return listMembers({ talos, talosconfig, signal }, cps, { health: true })
  }

  async function removeControlPlane(instance: string, node: string, confirm: string): Promise<Operation> {
    const { n, talosconfig } = await locate(instance, node)
    if (n.role !== 'controlplane') {
      throw new AppError(
        'VALIDATION',
        `${n.hostname} is not a control plane. Delete a worker with: wild node delete ${n.hostname} --confirm ${n.hostname} --reset`
      )
    }
    requireConfirm(n, confirm, 'removal', 'wild node remove-control-plane')
    const others = joinedControlPlanes(await deps.nodes.records(instance), n.hostname)
    const d = {
      talos,
      talosconfig,
      others,
      reset: (ip: string, signal: AbortSignal) => deps.talos.reset({ target: { node: ip, talosconfig }, graceful: false, reboot: true }, { signal }),
      forget: () => deps.nodes.remove(instance, n.hostname, { confirm: n.hostname })
    }
    return deps.operations.start({ type: 'control-plane-remove', instance, target: n.hostname, steps: [...REMOVE_CP_STEPS] }, (op) =>
      runRemoveControlPlane(d, n, op)
    )
  }

  return {
    services,
    read,
    logs,
    streamLogs,
    follow,
    stopFollow: (streamId: string) => follows.stop(streamId),
    reboot: (instance: string, node: string, confirm?: string) => power('reboot', instance, node, confirm),
    shutdown: (instance: string, node: string, confirm?: string) => power('shutdown', instance, node, confirm),
    etcdMembers,
    removeControlPlane,
    get openFollows() {
      return follows.openCount
    },
    close: () => follows.closeAll()
  }
}

export type NodeOpsService = ReturnType<typeof createNodeOpsService>
