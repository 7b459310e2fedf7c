import { createInterface } from 'node:readline/promises'
import type { Command } from 'commander'
import { z } from 'zod'
import type { Core } from '../../core'
import { resolveNode } from '../../core/node-ops/resolve'
import type { Operation } from '../../shared/contract/operations'
import { LOG_TAIL_MAX } from '../../shared/contract/node-ops'
import { coreFor, instanceFor } from '../context'
import { followOperation } from '../follow'
import { parseOption } from '../parse-option'
import { action, output } from '../output'

/**
 * `wild node services|logs|dmesg|reboot|shutdown|etcd-members|remove-control-plane`, added to the
 * existing `node` group. Logs stream to stdout line by line (--follow until Ctrl-C); the
 * operations print their steps on stderr like setup.
 */

const TailLines = z.coerce.number().int().min(0).max(LOG_TAIL_MAX)

/** Control planes need their hostname: from --confirm, else asked on a terminal, else refused by the core. */
async function confirmation(core: Core, instance: string, node: string, given: string | undefined, what: string): Promise<string | undefined> {
  if (given !== undefined || !process.stdin.isTTY) return given
  const n = resolveNode(await core.nodes.records(instance), node)
  if (n.role !== 'controlplane') return undefined
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return (await rl.question(`${n.hostname} is a control plane. Type its hostname to ${what} it: `)).trim()
  } finally {
    rl.close()
  }
}

type Start = (core: Core, instance: string, node: string, confirm: string | undefined) => Promise<Operation>

function operationCommand(node: Command, name: string, description: string, verb: string, start: Start): void {
  node
    .command(`${name} <node>`)
    .description(description)
    .option('--confirm <hostname>', 'the hostname, typed again (required for control planes)')
    .action(
      action(async (signal, target: string, o: { confirm?: string }, cmd: Command) => {
        const core = coreFor(cmd)
        try {
          const instance = await instanceFor(cmd, core)
          const op = await start(core, instance, target, await confirmation(core, instance, target, o.confirm, verb))
          process.stderr.write(`${verb[0]!.toUpperCase()}${verb.slice(1)} ${op.target} (${op.id})\n`)
          const final = await followOperation(core, instance, op, signal)
          output(cmd, { operationId: final.id, status: final.status }, () => final.message)
        } finally {
          await core.close()
        }
      })
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
        const core = coreFor(cmd)
        try {
          const instance = await instanceFor(cmd, core)
          const write = (line: string) => void process.stdout.write(line + '\n')
          await core.nodeOps.streamLogs(
            { instance, node: target, service: service(rest[0] as string | undefined), tail: o.tail ?? 200, follow: !!o.follow, onLine: write },
            signal
          )
        } finally {
          await core.close()
        }
      })
    )
}

export function registerNodeOpsCommands(node: Command): void {
  logCommand(node, 'logs <node> [service]', 'The log of a Talos service (kubelet, etcd, apid, …); without one, the kernel messages', (s) => s)
  logCommand(node, 'dmesg <node>', "The node's kernel messages", () => undefined)

  operationCommand(node, 'reboot', 'Reboot a node and wait until it runs again; Ctrl-C stops waiting', 'reboot', (c, i, n, confirm) =>
    c.nodeOps.reboot(i, n, confirm)
  )
  operationCommand(node, 'shutdown', 'Shut a node down; it stays off until powered on at the machine', 'shut down', (c, i, n, confirm) =>
    c.nodeOps.shutdown(i, n, confirm)
  )
  operationCommand(
    node,
    'remove-control-plane',
    'Remove a control plane: its etcd member first (refused when quorum would break), then reset it and delete it',
    'remove',
    (c, i, n, confirm) => c.nodeOps.removeControlPlane(i, n, confirm ?? '')
  )
}
