import type { Node, NodeUpdateInput } from '../../shared/contract/nodes'
import type { VerbOption } from './types'

/** The human view of one node (wild node show, update). */
export function describeNode(n: Node): string {
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

/** The options of `node add` (role and target IP required) and `node update`. */
export function fieldOptions(required: boolean): VerbOption[] {
  return [
    { flags: '--role <role>', description: 'controlplane or worker', required },
    { flags: '--target-ip <ip>', description: 'the static address the node will have', required },
    { flags: '--current-ip <ip>', description: 'the address it answers at now (maintenance mode, DHCP)' },
    { flags: '--mac <mac>', description: 'MAC address of the interface to configure' },
    { flags: '--interface <name>', description: 'network interface name, like enp1s0' },
    { flags: '--disk <path>', description: 'install disk, like /dev/nvme0n1' },
    { flags: '--talos-version <tag>', description: "Talos version (default: the cluster's)" },
    { flags: '--schematic-id <id>', description: "Image Factory schematic (default: the cluster's)" }
  ]
}

type FieldOpts = Partial<Record<'role' | 'targetIp' | 'currentIp' | 'mac' | 'interface' | 'disk' | 'talosVersion' | 'schematicId', string>>

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
}

/** The node's fields as typed; the contract validates them. */
export function fieldsFrom(o: FieldOpts) {
  return withoutUndefined({
    role: o.role as Node['role'],
    targetIp: o.targetIp!,
    currentIp: o.currentIp,
    mac: o.mac,
    interface: o.interface,
    disk: o.disk,
    version: o.talosVersion,
    schematicId: o.schematicId
  })
}

/** "" clears a field on update. */
export function changesFrom(o: FieldOpts): NodeUpdateInput {
  const clearable = (v: string | undefined) => (v === undefined ? undefined : v === '' ? null : v)
  return withoutUndefined({
    role: o.role as NodeUpdateInput['role'],
    targetIp: o.targetIp,
    currentIp: clearable(o.currentIp),
    mac: clearable(o.mac),
    interface: clearable(o.interface),
    disk: clearable(o.disk),
    version: clearable(o.talosVersion),
    schematicId: clearable(o.schematicId)
  })
}
