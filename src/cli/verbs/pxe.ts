import type { PxeStatus } from '@shared/contract/pxe'
import { AppError } from '@shared/errors'
import { table } from '../output'
import { composite, type VerbTable } from './types'

function onOff(value: string): boolean {
  if (value === 'on' || value === 'off') return value === 'on'
  throw new AppError('VALIDATION', `"${value}" is neither on nor off: give on or off, like wild pxe zero-touch set cp-1 on.`)
}

function statusText(st: PxeStatus): string {
  if (!st.running) {
    const last = st.startedAt ? ` The last one stopped ${st.stoppedAt ?? '(it did not stop cleanly)'}.` : ''
    return `No network boot server runs for instance "${st.instance}".${last}`
  }
  const head = `Serving for "${st.instance}" on ${st.interface} (${st.address}), ${st.mode} DHCP, HTTP port ${st.httpPort}, pid ${st.pid}.`
  const rows = st.clients.map((c) => [c.mac, c.ip ?? '-', c.arch, c.firmware, c.stage, c.script ?? '-', c.lastSeenAt])
  return rows.length ? `${head}\n${table(['MAC', 'IP', 'ARCH', 'FIRMWARE', 'STAGE', 'SCRIPT', 'LAST SEEN'], rows)}` : `${head}\nNo machine has booted yet.`
}

/**
 * `wild pxe serve` runs the server in this process until Ctrl-C and `wild pxe stop` asks the one
 * another process runs to stop (commands/pxe.ts); the rest are verbs. Status knows a server of
 * any process, through its status file.
 */
export const pxeVerbs = {
  'pxe.status': {
    kind: 'verb',
    path: ['pxe', 'status'],
    description: 'Whether a network boot server runs for the instance, where, and the machines it has seen',
    input: () => ({}),
    print: statusText
  },
  'pxe.start': composite('pxe', 'serve'),
  'pxe.stop': composite('pxe', 'stop'),
  'pxe.interfaces': {
    kind: 'verb',
    path: ['pxe', 'interfaces'],
    description: "This computer's network interfaces with IPv4; the one inside the cluster subnet is suggested",
    input: () => ({}),
    print: (list) =>
      list.length === 0
        ? 'No network interface with an IPv4 address.'
        : table(
            ['INTERFACE', 'ADDRESS', 'NETWORK', ''],
            list.map((i) => [i.name, i.address, i.cidr, i.suggested ? 'suggested' : ''])
          )
  },
  'pxe.assets': {
    kind: 'verb',
    path: ['pxe', 'assets'],
    description: 'Which boot assets and iPXE builds a network boot server would serve, and their state',
    input: () => ({})
  },
  'pxe.zeroTouch.get': {
    kind: 'verb',
    path: ['pxe', 'zero-touch', 'list'],
    description: 'Nodes registered with a MAC, and whether each gets its machine config at boot',
    input: () => ({}),
    print: ({ nodes }) =>
      nodes.length === 0
        ? 'No node is registered with a MAC address.'
        : table(
            ['HOSTNAME', 'MAC', 'CONFIG', 'AT BOOT'],
            nodes.map((n) => [n.hostname, n.mac ?? '-', n.configGenerated ? 'generated' : 'not yet', n.enabled ? 'on' : 'off'])
          )
  },
  'pxe.zeroTouch.set': {
    kind: 'verb',
    path: ['pxe', 'zero-touch', 'set'],
    description: 'Turn "apply config at boot" on or off for one node',
    args: ['<hostname>', '<on|off>'],
    input: ({ args }) => ({ hostname: args[0]!, enabled: onOff(args[1]!) }),
    print: (_z, { args }) => `Apply config at boot is ${args[1]} for ${args[0]}.`
  }
} satisfies Partial<VerbTable>
