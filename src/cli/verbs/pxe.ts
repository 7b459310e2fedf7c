import { AppError } from '../../shared/errors'
import { table } from '../output'
import { handWritten, type VerbTable } from './types'

function onOff(value: string): boolean {
  if (value === 'on' || value === 'off') return value === 'on'
  throw new AppError('VALIDATION', `"${value}" is neither on nor off: give on or off, like wild pxe zero-touch set cp-1 on.`)
}

/**
 * `wild pxe serve|stop|status` run and watch the server in this process, by hand (status reads the
 * server's state file, which also knows a server another process runs); the rest are verbs.
 */
export const pxeVerbs = {
  'pxe.status': handWritten('pxe', 'status'),
  'pxe.start': handWritten('pxe', 'serve'),
  'pxe.stop': handWritten('pxe', 'stop'),
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
