import type { Command } from 'commander'
import { z } from 'zod'
import { LOG_TAIL_MAX } from '@shared/contract/node-ops'
import { parseOption } from '../parse-option'
import { action } from '../output'
import { withSession, type CliSession } from '../verbs/session'
import { followLog } from './log-follow'
import { reportStarted } from './operation-verb'

/**
 * `wild node logs|dmesg|reboot|shutdown|remove-control-plane`, added to the existing `node` group,
 * through the contract (a CliSession). Logs print line by line (--follow until Ctrl-C); the
 * operations print their steps on stderr like setup.
 */

const TailLines = z.coerce.number().int().min(0).max(LOG_TAIL_MAX)

/** Control planes need their hostname: from --confirm, else asked on a terminal, else refused by the handler. */
async function confirmation(s: CliSession, instance: string, node: string, given: string | undefined, what: string): Promise<string | undefined> {
  if (given !== undefined || !process.stdin.isTTY) return given
  // Found as the core finds it: by hostname or address. An unknown node gets no question; the handler refuses it.
  const n = (await s.call('nodes.list', { instance })).find((x) => x.hostname === node || x.targetIp === node || x.currentIp === node)
  if (n?.role !== 'controlplane') return undefined
  const { createInterface } = await import('node:readline/promises')
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return (await rl.question(`${n.hostname} is a control plane. Type its hostname to ${what} it: `)).trim()
  } finally {
    rl.close()
  }
}

type PowerInput = { instance: string; node: string; confirm: string | undefined }
type Start = (s: CliSession, i: PowerInput) => Promise<{ operationId: string }>

function operationCommand(node: Command, name: string, description: string, verb: string, doing: string, start: Start): void {
  node
    .command(`${name} <node>`)
    .description(description)
    .option('--confirm <hostname>', 'the hostname, typed again (required for control planes)')
    .action(
      action(async (signal, target: string, o: { confirm?: string }, cmd: Command) =>
        withSession(cmd, signal, async (s) => {
          const instance = await s.instance()
          const confirm = await confirmation(s, instance, target, o.confirm, verb)
          await reportStarted(cmd, s, await start(s, { instance, node: target, confirm }), doing)
        })
      )
    )
}

function logCommand(node: Command, usage: string, description: string, service: (a: string | undefined) => string | undefined): void {
  node
    .command(usage)
    .description(description)
    .option('-f, --follow', 'keep streaming new lines until Ctrl-C')
    .option('--tail <lines>', 'how many earlier lines to show (default 200)', (v) => parseOption(TailLines, v))
    .action(
      action(async (signal, target: string, ...rest: unknown[]) => {
        const cmd = rest[rest.length - 1] as Command
        const o = rest[rest.length - 2] as { follow?: boolean; tail?: number }
        await withSession(cmd, signal, async (s) => {
          const input = { node: target, service: service(rest[0] as string | undefined), tail: o.tail ?? 200 }
          const write = (line: string) => void process.stdout.write(line + '\n')
          if (o.follow) return followLog(s, input, write)
          for (const line of (await s.call('nodeOps.logs', input)).lines) write(line)
        })
      })
    )
}

export function registerNodeOpsCommands(node: Command): void {
  logCommand(node, 'logs <node> [service]', 'The log of a Talos service (kubelet, etcd, apid, …); without one, the kernel messages', (s) => s)
  logCommand(node, 'dmesg <node>', "The node's kernel messages", () => undefined)

  operationCommand(node, 'reboot', 'Reboot a node and wait until it runs again; Ctrl-C stops waiting', 'reboot', 'Reboot', (s, i) =>
    s.call('nodeOps.reboot', i)
  )
  operationCommand(node, 'shutdown', 'Shut a node down; it stays off until powered on at the machine', 'shut down', 'Shut down', (s, i) =>
    s.call('nodeOps.shutdown', i)
  )
  operationCommand(
    node,
    'remove-control-plane',
    'Remove a control plane: its etcd member first (refused when quorum would break), then reset it and delete it',
    'remove',
    'Remove',
    (s, i) => s.call('nodeOps.removeControlPlane', { ...i, confirm: i.confirm ?? '' })
  )
}
