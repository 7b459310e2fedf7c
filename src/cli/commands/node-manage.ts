import type { Command } from 'commander'
import type { Node } from '../../shared/contract/nodes'
import { coreFor, instanceFor } from '../context'
import { followOperation } from '../follow'
import { action, output } from '../output'

/** The keys (and their order) a node prints with under --json. */
export function nodeJson(n: Node) {
  return {
    hostname: n.hostname,
    role: n.role,
    mac: n.mac,
    targetIp: n.targetIp,
    currentIp: n.currentIp,
    interface: n.interface,
    disk: n.disk,
    version: n.version,
    schematicId: n.schematicId,
    configured: n.configured,
    deployed: n.deployed,
    state: n.state
  }
}

/** `wild node setup`: follows its operation here; add, list, show, update and delete are verbs (src/cli/verbs/nodes.ts). */
export function registerNodeManageCommands(node: Command): void {
  node
    .command('setup <hostname>')
    .description('Configure, apply and wait for a node; steps on stderr, Ctrl-C cancels; run again to resume')
    .action(
      action(async (signal, hostname: string, _o: unknown, cmd: Command) => {
        const core = coreFor(cmd)
        try {
          const instance = await instanceFor(cmd, core)
          // The job runs in this process: the command waits for it, and Ctrl-C cancels it.
          const op = await core.cluster.setup(instance, hostname)
          process.stderr.write(`Setting up ${hostname} (${op.id})\n`)
          const final = await followOperation(core, instance, op, signal)
          const n = await core.nodes.get(instance, hostname)
          output(cmd, { operationId: final.id, node: nodeJson(n) }, () => final.message)
        } finally {
          await core.close()
        }
      })
    )
}
