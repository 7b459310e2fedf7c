import type { Command } from 'commander'
import type { Node, NodeUpdateInput } from '../../shared/contract/nodes'
import { coreFor, instanceFor } from '../context'
import { followOperation } from '../follow'
import { action, output, table } from '../output'

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

function describeNode(n: Node): string {
  const row = (k: string, v: string | null | boolean) => `  ${k.padEnd(12)} ${v === null || v === '' ? '-' : String(v)}`
  return [
    n.hostname,
    row('role', n.role),
    row('state', n.state + (n.stateReason ? ` — ${n.stateReason}` : '')),
    row('target IP', n.targetIp),
    row('current IP', n.currentIp),
    row('MAC', n.mac),
    row('interface', n.interface),
    row('disk', n.disk),
    row('version', n.version),
    row('schematic', n.schematicId),
    row('configured', n.configured),
    row('deployed', n.deployed)
  ].join('\n')
}

interface FieldOpts {
  role?: string
  targetIp?: string
  currentIp?: string
  mac?: string
  interface?: string
  disk?: string
  talosVersion?: string
  schematicId?: string
}

function fieldOptions(cmd: Command, required: boolean): Command {
  ;(required ? cmd.requiredOption.bind(cmd) : cmd.option.bind(cmd))('--role <role>', 'controlplane or worker')
  ;(required ? cmd.requiredOption.bind(cmd) : cmd.option.bind(cmd))('--target-ip <ip>', 'the static address the node will have')
  return cmd
    .option('--current-ip <ip>', 'the address it answers at now (maintenance mode, DHCP)')
    .option('--mac <mac>', 'MAC address of the interface to configure')
    .option('--interface <name>', 'network interface name, like enp1s0')
    .option('--disk <path>', 'install disk, like /dev/nvme0n1')
    .option('--talos-version <tag>', "Talos version (default: the cluster's)")
    .option('--schematic-id <id>', "Image Factory schematic (default: the cluster's)")
}

/** "" clears a field on update. */
function changesFrom(o: FieldOpts): NodeUpdateInput {
  const clearable = (v: string | undefined) => (v === undefined ? undefined : v === '' ? null : v)
  return {
    role: o.role as NodeUpdateInput['role'],
    targetIp: o.targetIp,
    currentIp: clearable(o.currentIp),
    mac: clearable(o.mac),
    interface: clearable(o.interface),
    disk: clearable(o.disk),
    version: clearable(o.talosVersion),
    schematicId: clearable(o.schematicId)
  }
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
}

/** `wild node add|list|show|update|delete|setup`. */
export function registerNodeManageCommands(node: Command): void {
  fieldOptions(node.command('add <hostname>').description('Register a node (adding the same node again changes nothing)'), true).action(
    action(async (_signal, hostname: string, o: FieldOpts, cmd: Command) => {
      const core = coreFor(cmd)
      const instance = await instanceFor(cmd, core)
      const added = await core.nodes.add(
        instance,
        withoutUndefined({
          hostname,
          role: o.role as Node['role'],
          targetIp: o.targetIp!,
          currentIp: o.currentIp,
          mac: o.mac,
          interface: o.interface,
          disk: o.disk,
          version: o.talosVersion,
          schematicId: o.schematicId
        })
      )
      output(cmd, nodeJson(added), () => `Added ${added.hostname} (${added.role}, target ${added.targetIp}). Next: wild node setup ${added.hostname}`)
    })
  )

  node
    .command('list')
    .description('List the nodes of the instance')
    .action(
      action(async (_signal, _opts, cmd: Command) => {
        const core = coreFor(cmd)
        const nodes = await core.nodes.list(await instanceFor(cmd, core))
        output(cmd, nodes.map(nodeJson), () =>
          nodes.length === 0
            ? 'No nodes yet. Add one with: wild node add HOSTNAME --role controlplane --target-ip IP'
            : table(
                ['HOSTNAME', 'ROLE', 'TARGET IP', 'CURRENT IP', 'MAC', 'DISK', 'STATE'],
                nodes.map((n) => [n.hostname, n.role, n.targetIp ?? '', n.currentIp ?? '', n.mac ?? '', n.disk ?? '', n.state])
              )
        )
      })
    )

  node
    .command('show <node>')
    .description('Show one node, by hostname or MAC address')
    .action(
      action(async (_signal, ref: string, _opts, cmd: Command) => {
        const core = coreFor(cmd)
        const n = await core.nodes.get(await instanceFor(cmd, core), ref)
        output(cmd, { ...nodeJson(n), stateReason: n.stateReason }, () => describeNode(n))
      })
    )

  fieldOptions(node.command('update <hostname>').description('Change a node ("" clears an optional field)'), false).action(
    action(async (_signal, hostname: string, o: FieldOpts, cmd: Command) => {
      const core = coreFor(cmd)
      const updated = await core.nodes.update(await instanceFor(cmd, core), hostname, withoutUndefined(changesFrom(o)))
      output(cmd, nodeJson(updated), () => describeNode(updated))
    })
  )

  node
    .command('delete <hostname>')
    .description('Remove a node from the instance; with --reset, wipe the machine first')
    .requiredOption('--confirm <hostname>', 'type the hostname again to confirm')
    .option('--reset', 'reset the machine (talosctl reset) before removing it')
    .action(
      action(async (signal, hostname: string, o: { confirm: string; reset?: boolean }, cmd: Command) => {
        const core = coreFor(cmd)
        await core.nodes.remove(await instanceFor(cmd, core), hostname, { confirm: o.confirm, reset: !!o.reset, signal })
        output(cmd, { ok: true, deleted: hostname }, () => `Deleted ${hostname}${o.reset ? ' (the machine was reset)' : ''}.`)
      })
    )

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
