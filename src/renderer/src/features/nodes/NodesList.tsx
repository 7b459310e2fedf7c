import type { ColumnDef } from '@tanstack/react-table'
import { Cpu, MoreHorizontal, Play, Plus, Search, Server, Trash2 } from 'lucide-react'
import { DropdownMenu } from 'radix-ui'
import { useMemo, useState } from 'react'
import type { Node } from '../../../../shared/contract/nodes'
import { Page } from '../../app/Page'
import { Link } from '../../app/Link'
import { navigate } from '../../app/router'
import { Badge, Button, EmptyState, ErrorNotice, Input, Spinner, Tooltip } from '../../ui'
import { DataTable } from '../../ui/DataTable'
import { useNodes } from './hooks'
import { ROLE_LABEL, STATE_VIEW } from './model'
import { DeleteNodeDialog, SetupNodeDialog } from './NodeDialogs'

const item = 'flex cursor-default items-center gap-2 rounded-md px-2 py-1.5 text-sm outline-none select-none data-[highlighted]:bg-surface-2'

export function StateBadge({ node }: { node: Pick<Node, 'state' | 'stateReason'> }) {
  const v = STATE_VIEW[node.state]
  return (
    <Tooltip content={node.stateReason ?? v.explain}>
      <span tabIndex={0} className="rounded-full">
        <Badge tone={v.tone}>{v.word}</Badge>
      </span>
    </Tooltip>
  )
}

function RowActions({ node, onSetup, onDelete }: { node: Node; onSetup: () => void; onDelete: () => void }) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label={`Actions for ${node.hostname}`}
        className="inline-flex size-7 items-center justify-center rounded-md text-muted hover:bg-surface-3 hover:text-fg data-[state=open]:bg-surface-3"
      >
        <MoreHorizontal aria-hidden className="size-4" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className="z-50 w-52 rounded-lg border border-line bg-surface p-1 shadow-pop">
          <DropdownMenu.Item className={item} onSelect={() => navigate('nodes', node.hostname, 'hardware')}>
            <Cpu aria-hidden className="size-4 text-muted" /> Detect hardware
          </DropdownMenu.Item>
          <DropdownMenu.Item className={item} onSelect={onSetup}>
            <Play aria-hidden className="size-4 text-muted" /> {node.state === 'ready' ? 'Apply configuration' : 'Set up'}
          </DropdownMenu.Item>
          <DropdownMenu.Separator className="my-1 h-px bg-line" />
          <DropdownMenu.Item className={`${item} text-danger`} onSelect={onDelete}>
            <Trash2 aria-hidden className="size-4" /> Reset or remove…
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  )
}

export function NodesList({ instance }: { instance: string }) {
  const q = useNodes(instance)
  const [filter, setFilter] = useState('')
  const [setupNode, setSetupNode] = useState<Node | null>(null)
  const [deleteNode, setDeleteNode] = useState<Node | null>(null)

  const columns = useMemo<ColumnDef<Node, unknown>[]>(
    () => [
      {
        accessorKey: 'hostname',
        header: 'Hostname',
        cell: ({ row }) => (
          <Link to={['nodes', row.original.hostname]} className="font-medium text-fg hover:text-accent-text hover:underline">
            {row.original.hostname}
          </Link>
        )
      },
      { accessorKey: 'role', header: 'Role', cell: ({ row }) => <span className="block max-w-16 text-[13px] leading-tight">{ROLE_LABEL[row.original.role]}</span> },
      {
        id: 'ip',
        accessorFn: (n) => `${n.targetIp ?? ''} ${n.currentIp ?? ''}`,
        header: 'IP',
        sortingFn: (a, b) => ipSortKey(a.original.targetIp) - ipSortKey(b.original.targetIp),
        cell: ({ row }) => {
          const n = row.original
          return (
            <span className="tabular text-[13px] whitespace-nowrap">
              {n.targetIp ?? '—'}
              {n.currentIp && n.currentIp !== n.targetIp && <span className="block text-xs text-muted">now {n.currentIp}</span>}
            </span>
          )
        }
      },
      { accessorKey: 'mac', header: 'MAC', cell: ({ getValue }) => <span className="font-mono text-xs">{(getValue() as string | null) ?? '—'}</span> },
      { accessorKey: 'disk', header: 'Disk', cell: ({ getValue }) => <span className="font-mono text-xs">{(getValue() as string | null) ?? '—'}</span> },
      { accessorKey: 'version', header: 'Talos', cell: ({ getValue }) => <span className="text-[13px]">{(getValue() as string | null) ?? '—'}</span> },
      {
        accessorKey: 'state',
        header: 'State',
        sortingFn: (a, b) => STATE_ORDER.indexOf(a.original.state) - STATE_ORDER.indexOf(b.original.state),
        cell: ({ row }) => <StateBadge node={row.original} />
      },
      {
        id: 'actions',
        header: () => <span className="sr-only">Actions</span>,
        enableSorting: false,
        cell: ({ row }) => <RowActions node={row.original} onSetup={() => setSetupNode(row.original)} onDelete={() => setDeleteNode(row.original)} />
      }
    ],
    []
  )

  const nodes = q.data ?? []
  return (
    <Page
      title="Nodes"
      description="The machines of this cluster and where each one is in its setup."
      actions={
        nodes.length > 0 && (
          <Button variant="primary" icon={<Plus aria-hidden className="size-4" />} onClick={() => navigate('setup', 'find')}>
            Add a node
          </Button>
        )
      }
    >
      {q.isLoading ? (
        <Spinner label="Loading nodes…" />
      ) : q.error ? (
        <ErrorNotice title="The nodes could not be listed" error={q.error} onRetry={() => void q.refetch()} />
      ) : nodes.length === 0 ? (
        <EmptyState
          icon={<Server />}
          title="No nodes yet"
          action={
            <Button variant="primary" onClick={() => navigate('setup')}>
              Set up the first node
            </Button>
          }
        >
          Boot a machine from the Talos USB stick or over the network, then the Setup screen finds it and installs it.
        </EmptyState>
      ) : (
        <div className="flex flex-col gap-3">
          <div className="relative w-72">
            <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-subtle" />
            <Input aria-label="Filter nodes" placeholder="Filter by name, IP, MAC…" value={filter} onChange={(e) => setFilter(e.target.value)} className="pl-8" />
          </div>
          <DataTable
            label="Nodes"
            data={nodes}
            columns={columns}
            filter={filter}
            getRowId={(n) => n.hostname}
            onRowOpen={(n) => navigate('nodes', n.hostname)}
            initialSort={[{ id: 'hostname', desc: false }]}
            empty={`No node matches "${filter}".`}
          />
          <p className="text-[13px] text-muted" aria-live="polite">
            {nodes.length} node{nodes.length === 1 ? '' : 's'} · {nodes.filter((n) => n.state === 'ready').length} ready
          </p>
        </div>
      )}
      <SetupNodeDialog instance={instance} node={setupNode} open={setupNode !== null} onOpenChange={(o) => !o && setSetupNode(null)} />
      <DeleteNodeDialog instance={instance} node={deleteNode} open={deleteNode !== null} onOpenChange={(o) => !o && setDeleteNode(null)} />
    </Page>
  )
}

const STATE_ORDER = ['failed', 'added', 'configured', 'applying', 'installing', 'ready']

function ipSortKey(ip: string | null): number {
  if (!ip) return Number.MAX_SAFE_INTEGER
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0)
}
