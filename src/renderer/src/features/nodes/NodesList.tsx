import { Cpu, MoreHorizontal, Play, Plus, Search, Server, Trash2 } from 'lucide-react'
import { DropdownMenu } from 'radix-ui'
import { useDeferredValue, useMemo, useState } from 'react'
import type { Node } from '@shared/contract/nodes'
import { Page } from '../../app/Page'
import { navigate } from '../../app/router'
import { Button, EmptyState, ErrorNotice, Input, Spinner } from '../../ui'
import { DataTable } from '../../ui/DataTable'
import { useNodes } from './hooks'
import { machineColumns } from '../machines/columns'
import { MachineDetails } from '../machines/MachineDetails'
import { useMachines } from '../machines/hooks'
import { machineRows } from '../machines/model'
import { DeleteNodeDialog, SetupNodeDialog } from './NodeDialogs'

const item = 'flex cursor-default items-center gap-2 rounded-md px-2 py-1.5 text-sm outline-none select-none data-[highlighted]:bg-surface-2'

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

export function NodesList({ instance, selected }: { instance: string; selected?: string }) {
  const q = useNodes(instance)
  const machinesQ = useMachines(instance)
  const [filter, setFilter] = useState('')
  // The box shows each keystroke at once; the table follows when React has time (a fleet is long).
  const shownFilter = useDeferredValue(filter)
  const [setupNode, setSetupNode] = useState<Node | null>(null)
  const [deleteNode, setDeleteNode] = useState<Node | null>(null)

  const nodes = useMemo(() => q.data ?? [], [q.data])
  const nodeByName = useMemo(() => new Map(nodes.map((n) => [n.hostname, n])), [nodes])
  const columns = useMemo(
    () =>
      machineColumns(
        (m) => {
          const n = nodeByName.get(m.node!)
          return n ? <RowActions node={n} onSetup={() => setSetupNode(n)} onDelete={() => setDeleteNode(n)} /> : null
        },
        (m) => navigate('setup', 'add', m.currentIp!)
      ),
    [nodeByName]
  )
  const rows = useMemo(() => machineRows(nodes, machinesQ.data?.machines), [nodes, machinesQ.data])
  const others = rows.filter((m) => !m.node && !m.vip).length
  const vip = rows.some((m) => m.vip)
  const chosen = selected === undefined ? undefined : (rows.find((m) => m.key === selected) ?? null)

  return (
    <Page
      title="Nodes"
      description="Every machine this app knows — registered nodes, machines a scan found, machines booting over the network — one row per machine."
      actions={
        rows.length > 0 && (
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
      ) : rows.length === 0 ? (
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
        <div className="flex min-w-0 flex-col gap-3">
          <div className="relative w-72 max-w-full">
            <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-subtle" />
            <Input
              aria-label="Filter nodes"
              placeholder="Filter by name, IP, MAC…"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              className="pl-8"
            />
          </div>
          <DataTable
            label="Nodes"
            data={rows}
            columns={columns}
            filter={shownFilter}
            getRowId={(m) => m.key}
            onRowOpen={(m) => (m.node ? navigate('nodes', m.node) : navigate('nodes', '@', m.key))}
            initialSort={[{ id: 'hostname', desc: false }]}
            empty={`No node matches "${shownFilter}".`}
          />
          <p className="text-[13px] text-muted" aria-live="polite">
            {nodes.length} node{nodes.length === 1 ? '' : 's'} · {nodes.filter((n) => n.state === 'ready').length} ready
            {others > 0 && ` · ${others} other machine${others === 1 ? '' : 's'}`}
            {vip && ' · the VIP is not counted'}
          </p>
          {chosen !== undefined && <MachineDetails machine={chosen} onClose={() => navigate('nodes')} />}
        </div>
      )}
      <SetupNodeDialog instance={instance} node={setupNode} open={setupNode !== null} onOpenChange={(o) => !o && setSetupNode(null)} />
      <DeleteNodeDialog instance={instance} node={deleteNode} open={deleteNode !== null} onOpenChange={(o) => !o && setDeleteNode(null)} />
    </Page>
  )
}
