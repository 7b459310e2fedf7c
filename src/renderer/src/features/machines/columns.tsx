import type { ColumnDef } from '@tanstack/react-table'
import type { Machine } from '@shared/contract/machines'
import { Link } from '../../app/Link'
import { Badge, Button, formatBytes, Tooltip } from '../../ui'
import { ROLE_LABEL } from '../nodes/model'
import { MACHINE_STATE_VIEW, machineName } from './model'

/** Columns that give way first in a narrow window: State and the actions always stay. */
const WIDE = 'hidden min-[1180px]:table-cell'
const MEDIUM = 'hidden min-[1040px]:table-cell'

export function MachineStateBadge({ m }: { m: Machine }) {
  const v = MACHINE_STATE_VIEW[m.state]
  return (
    <span className="inline-flex flex-col items-start gap-0.5">
      <Tooltip content={m.stateReason ?? v.explain}>
        <span tabIndex={0} className="rounded-full">
          <Badge tone={v.tone}>{v.word}</Badge>
        </span>
      </Tooltip>
      {m.stale && <span className="text-xs text-warn">stale · {m.staleReason}</span>}
    </span>
  )
}

function hardwareText(m: Machine): string {
  const parts = [m.cpu, m.memoryBytes ? `${formatBytes(m.memoryBytes)} RAM` : null, m.arch].filter(Boolean)
  return parts.length ? parts.join(' · ') : '—'
}

const STATE_ORDER = ['failed', 'added', 'configured', 'applying', 'installing', 'ready', 'maintenance', 'booting', 'unidentified', 'vip']

const rank = (m: Machine) => (m.vip ? 2 : m.node ? 0 : 1)
const names = new Intl.Collator()

/**
 * Sort keys computed once per machine object, not once per comparison: a sort of 250 rows makes
 * about 4,000 comparisons, and splitting an IP in each was most of a sort's long frame.
 */
function keyed<K>(compute: (m: Machine) => K): (m: Machine) => K {
  const keys = new WeakMap<Machine, K>()
  return (m) => {
    let k = keys.get(m)
    if (k === undefined) keys.set(m, (k = compute(m)))
    return k
  }
}
const ipKey = keyed((m) => ipSortKey(m.targetIp ?? m.currentIp))
const nameKey = keyed(machineName)
const stateKey = keyed((m) => STATE_ORDER.indexOf(m.state))

export function ipSortKey(ip: string | null): number {
  if (!ip) return Number.MAX_SAFE_INTEGER
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0)
}

export function machineColumns(actions: (m: Machine) => React.ReactNode, onUse: (m: Machine) => void): ColumnDef<Machine, unknown>[] {
  return [
    {
      id: 'hostname',
      accessorFn: (m) => machineName(m),
      header: 'Hostname',
      // Nodes, then other machines, then the VIP (it is no machine); by name within each.
      sortingFn: (a, b) => rank(a.original) - rank(b.original) || names.compare(nameKey(a.original), nameKey(b.original)),
      cell: ({ row }) => {
        const m = row.original
        return (
          <Link
            to={m.node ? ['nodes', m.node] : ['nodes', '@', m.key]}
            className={m.node ? 'font-medium text-fg hover:text-accent-text hover:underline' : 'text-fg hover:text-accent-text hover:underline'}
          >
            {machineName(m)}
          </Link>
        )
      }
    },
    {
      id: 'role',
      accessorFn: (m) => (m.role ? ROLE_LABEL[m.role] : ''),
      header: 'Role',
      cell: ({ row }) => <span className="block max-w-16 text-[13px] leading-tight">{row.original.role ? ROLE_LABEL[row.original.role] : '—'}</span>
    },
    {
      id: 'ip',
      accessorFn: (m) => `${m.targetIp ?? ''} ${m.currentIp ?? ''}`,
      header: 'IP',
      sortingFn: (a, b) => ipKey(a.original) - ipKey(b.original),
      cell: ({ row }) => {
        const m = row.original
        return (
          <span className="tabular text-[13px] whitespace-nowrap">
            {m.targetIp ?? m.currentIp ?? '—'}
            {m.targetIp && m.currentIp && m.currentIp !== m.targetIp && <span className="block text-xs text-muted">now {m.currentIp}</span>}
          </span>
        )
      }
    },
    {
      accessorKey: 'mac',
      header: 'MAC',
      meta: { className: MEDIUM },
      cell: ({ getValue }) => <span className="font-mono text-xs">{(getValue() as string | null) ?? '—'}</span>
    },
    {
      id: 'hardware',
      accessorFn: hardwareText,
      header: 'CPU · RAM · arch',
      enableSorting: false,
      meta: { className: WIDE },
      cell: ({ getValue }) => <span className="block max-w-48 text-[13px] leading-tight">{getValue() as string}</span>
    },
    {
      id: 'disk',
      accessorFn: (m) => m.disks.join(' '),
      header: 'Disk',
      meta: { className: WIDE },
      cell: ({ row }) => <span className="font-mono text-xs">{row.original.disks.length ? row.original.disks.join(', ') : '—'}</span>
    },
    {
      accessorKey: 'version',
      header: 'Talos',
      meta: { className: MEDIUM },
      cell: ({ getValue }) => <span className="text-[13px]">{(getValue() as string | null) ?? '—'}</span>
    },
    {
      accessorKey: 'state',
      header: 'State',
      sortingFn: (a, b) => stateKey(a.original) - stateKey(b.original),
      cell: ({ row }) => <MachineStateBadge m={row.original} />
    },
    {
      id: 'actions',
      header: () => <span className="sr-only">Actions</span>,
      enableSorting: false,
      cell: ({ row }) => {
        const m = row.original
        if (m.node) return actions(m)
        if (!m.canSetup || !m.currentIp) return null
        return (
          <Button size="sm" onClick={() => onUse(m)} aria-label={`Use this machine ${m.currentIp}`}>
            Use this machine
          </Button>
        )
      }
    }
  ]
}
