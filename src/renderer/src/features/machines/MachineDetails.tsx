import type { Machine } from '@shared/contract/machines'
import { navigate } from '../../app/router'
import { Button, Card, FactList, formatBytes, formatRelative } from '../../ui'
import { MachineStateBadge } from './columns'
import { machineName } from './model'

const SOURCE_WORDS = { scan: 'network scan', netboot: 'network boot', node: 'registered node' } as const

/** The machine chosen in the table (its key is in the URL: #/nodes/@/<key>), for machines that are not nodes. */
export function MachineDetails({ machine, onClose }: { machine: Machine | null; onClose: () => void }) {
  if (!machine) {
    return (
      <Card title="Machine not found">
        <p className="text-[13px] text-muted">
          The machine chosen in the address is no longer listed. It may have been set up as a node, or its scan was cleared.
        </p>
        <Button className="mt-3" onClick={onClose}>
          Close
        </Button>
      </Card>
    )
  }
  return (
    <Card
      title={machineName(machine)}
      actions={
        <div className="flex gap-2">
          {machine.canSetup && machine.currentIp && (
            <Button variant="primary" onClick={() => navigate('setup', 'add', machine.currentIp!)}>
              Use this machine
            </Button>
          )}
          <Button onClick={onClose}>Close</Button>
        </div>
      }
    >
      <FactList
        layout="double"
        rows={
          [
            ['State', null],
            ['Address', machine.currentIp],
            ['MAC', machine.mac],
            ['Hostname', machine.hostname],
            ['Talos', machine.version],
            ['Architecture', machine.arch],
            ['CPU', machine.cpu],
            ['RAM', machine.memoryBytes ? formatBytes(machine.memoryBytes) : null],
            ['Disks', machine.disks.join(', ')],
            ['Seen', machine.seenAt ? formatRelative(machine.seenAt) : null],
            ['Known from', machine.sources.map((s) => SOURCE_WORDS[s]).join(', ')]
          ].filter(([k]) => k !== 'State') as [string, string | null][]
        }
      />
      <div className="mt-3">
        <MachineStateBadge m={machine} />
      </div>
    </Card>
  )
}
