import { callTalos, type CallDecl } from '../talos/calls/define'
import {
  dmesgCall,
  etcdLeaveCall,
  etcdMembersCall,
  etcdRemoveMemberCall,
  rebootCall,
  serviceLogsCall,
  servicesCall,
  shutdownCall,
  type OnNode
} from '../talos/calls/node'
import type { TalosRunner } from '../talos/runner'
import { Target } from '../talos/talos-args'

export { parseMembers, parseServices } from '../talos/calls/tables'

/**
 * The talosctl calls of node operations (declared in talos/calls/node.ts): services, logs/dmesg
 * (streamed), reboot, shutdown, etcd members/remove-member/leave.
 */

export interface NodeCall extends OnNode {
  signal?: AbortSignal
}

/** "127.0.10.11: line" → "line": the node prefix talosctl puts before every log line. */
export function stripNodePrefix(line: string, node: string): string {
  return line.startsWith(`${node}: `) ? line.slice(node.length + 2) : line
}

export function createNodeTalos(runner: TalosRunner) {
  const run = <I extends OnNode, O>(decl: CallDecl<I, O>, c: I & { signal?: AbortSignal }) => callTalos(runner, decl, c, { signal: c.signal })

  return {
    services: (c: NodeCall) => run(servicesCall, c),
    /**
     * Streams a service log (or dmesg without a service) line by line to `onLine`; nothing is
     * kept here. With follow it runs until `signal` aborts (then rejects with CANCELLED).
     */
    async stream(c: NodeCall & { service?: string; follow: boolean; tail: number; onLine: (line: string) => void }): Promise<void> {
      const node = Target.parse(c.target).node
      const onLine = (stream: string, line: string) => stream === 'stdout' && c.onLine(stripNodePrefix(line, node))
      const service = c.service
      if (service !== undefined) await callTalos(runner, serviceLogsCall, { ...c, service }, { signal: c.signal, onLine })
      else await callTalos(runner, dmesgCall, c, { signal: c.signal, onLine })
    },
    reboot: (c: NodeCall) => run(rebootCall, c),
    shutdown: (c: NodeCall) => run(shutdownCall, c),
    etcdMembers: (c: NodeCall) => run(etcdMembersCall, c),
    etcdRemoveMember: (c: NodeCall & { id: string }) => run(etcdRemoveMemberCall, c),
    etcdLeave: (c: NodeCall) => run(etcdLeaveCall, c)
  }
}

export type NodeTalos = ReturnType<typeof createNodeTalos>
