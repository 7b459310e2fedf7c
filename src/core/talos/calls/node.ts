import { z } from 'zod'
import { ServiceName } from '@shared/contract/node-ops'
import { malformedOutput } from '../errors'
import { parseJsonObjects } from '../json-stream'
import { Target, targetArgs } from '../talos-args'
import { defineCall, read } from './define'
import { MemberId, parseMembers, parseServices } from './tables'

/** Calls on one running node: services, logs and dmesg (streamed), reboot, shutdown, etcd membership. */

export const NODE_TIMEOUTS = {
  call: 30_000,
  /** reboot/shutdown --wait=false return once the request is accepted. */
  power: 60_000,
  /** A snapshot of a log (no follow). */
  logs: 60_000,
  /** A followed log runs until it is stopped: a week is "until stopped" without an unbounded timer. */
  follow: 7 * 24 * 3600_000
} as const

export interface OnNode {
  target: z.input<typeof Target>
}

const onNode = (i: OnNode) => Target.parse(i.target).talosconfig
const EXAMPLE = { target: { node: '127.0.10.11', talosconfig: 'o/talosconfig' } }

/** A call on one node: `words` then the target flags. */
function nodeCall<O>(name: string, words: string[], timeoutMs: number, output: (r: { stdout: string; stderr: string }) => O, labRead = false) {
  return defineCall({
    name,
    lab: words.filter((w) => !w.startsWith('-')),
    args: (i: OnNode) => [...words, ...targetArgs(i.target)],
    timeoutMs,
    talosconfig: onNode,
    output,
    example: EXAMPLE,
    labRead
  })
}

export const servicesCall = nodeCall('services', ['services'], NODE_TIMEOUTS.call, (r) => parseServices(r.stdout), true)
export const rebootCall = nodeCall('reboot', ['reboot', '--wait=false'], NODE_TIMEOUTS.power, read.nothing)
export const shutdownCall = nodeCall('shutdown', ['shutdown', '--wait=false'], NODE_TIMEOUTS.power, read.nothing)
export const etcdMembersCall = nodeCall('etcd members', ['etcd', 'members'], NODE_TIMEOUTS.call, (r) => parseMembers(r.stdout), true)
export const etcdLeaveCall = nodeCall('etcd leave', ['etcd', 'leave'], NODE_TIMEOUTS.call, read.nothing)

export const etcdRemoveMemberCall = defineCall({
  name: 'etcd remove-member',
  lab: ['etcd', 'remove-member'],
  args: (i: OnNode & { id: string }) => ['etcd', 'remove-member', MemberId.parse(i.id), ...targetArgs(i.target)],
  timeoutMs: NODE_TIMEOUTS.call,
  talosconfig: onNode,
  output: read.nothing,
  example: { ...EXAMPLE, id: '2f1a0b6c3d4e5f60' }
})

export interface LogInput extends OnNode {
  follow: boolean
  tail: number
}

/** A service log, streamed line by line to onLine (stdout is not kept); with follow until cancelled. */
export const serviceLogsCall = defineCall({
  name: 'logs',
  lab: ['logs'],
  args: (i: LogInput & { service: string }) => [
    'logs',
    ServiceName.parse(i.service),
    '--tail',
    String(i.tail),
    ...(i.follow ? ['-f'] : []),
    ...targetArgs(i.target)
  ],
  timeoutMs: (i) => (i.follow ? NODE_TIMEOUTS.follow : NODE_TIMEOUTS.logs),
  talosconfig: onNode,
  streamOnly: true,
  output: read.nothing,
  example: { ...EXAMPLE, service: 'etcd', follow: false, tail: 10 }
})

/** The kernel messages; dmesg has no line count: --tail means "only new messages", used when no earlier line is wanted. */
export const dmesgCall = defineCall({
  name: 'dmesg',
  lab: ['dmesg'],
  args: (i: LogInput) => ['dmesg', ...(i.follow ? ['-f'] : []), ...(i.follow && i.tail === 0 ? ['--tail'] : []), ...targetArgs(i.target)],
  timeoutMs: (i) => (i.follow ? NODE_TIMEOUTS.follow : NODE_TIMEOUTS.logs),
  talosconfig: onNode,
  streamOnly: true,
  output: read.nothing,
  example: { ...EXAMPLE, follow: false, tail: 10 }
})

/** TimeStatuses.v1alpha1.talos.dev, one resource with id "node" (pkg/machinery/resources/time/status.go). */
const TimeStatus = z.looseObject({
  spec: z.looseObject({
    synced: z.boolean(),
    /** Incremented each time the clock jumps by more than 15 minutes. */
    epoch: z.number().int(),
    syncDisabled: z.boolean()
  })
})

/** Whether the node's clock is in sync: certificates, etcd and the kubelet depend on it. */
export const timeStatusCall = defineCall({
  name: 'get timestatus',
  lab: ['get'],
  args: (i: OnNode) => ['get', 'timestatus', ...targetArgs(i.target), '-o', 'json'],
  timeoutMs: NODE_TIMEOUTS.call,
  talosconfig: onNode,
  output: (r) => {
    const [first] = parseJsonObjects(r.stdout)
    const status = TimeStatus.safeParse(first)
    if (!status.success) throw malformedOutput('its time status', status.error.issues[0]?.message ?? 'no TimeStatus resource', r.stdout)
    const { synced, epoch, syncDisabled } = status.data.spec
    return { synced, epoch, syncDisabled }
  },
  example: EXAMPLE,
  labRead: true
})
