import { table } from '../output'
import type { VerbTable } from './types'

/** `wild machines list`: the app's Machines screen as a table. */
export const machineVerbs = {
  'machines.list': {
    kind: 'verb',
    path: ['machines', 'list'],
    description: 'Every machine the instance knows, one per MAC: scanned, booted by network, registered',
    input: () => ({}),
    print: (list) =>
      list.machines.length === 0
        ? 'No machines yet. Scan with: wild discover RANGE'
        : table(
            ['MAC', 'HOSTNAME', 'NODE', 'ROLE', 'STATE', 'CURRENT IP'],
            list.machines.map((m) => [m.mac ?? '-', m.hostname ?? '-', m.node ?? '-', m.role ?? '-', m.state, m.currentIp ?? '-'])
          )
  }
} satisfies Partial<VerbTable>
