import { ArrowLeft, Cpu, Play, Power, RefreshCw, RotateCw, Trash2 } from 'lucide-react'
import { useState } from 'react'
import type { Node } from '@shared/contract/nodes'
import { Page } from '../../app/Page'
import { Link } from '../../app/Link'
import { navigate } from '../../app/router'
import { Badge, Button, Card, CodeBlock, EmptyState, ErrorNotice, Spinner, Tabs } from '../../ui'
import { useOperations } from '../operations/hooks'
import { OperationCard } from '../operations/OperationCard'
import { HardwareView } from './HardwareView'
import { BoardChoiceCard } from './BoardChoiceCard'
import { useHardware, useNodes, usePatchPreview } from './hooks'
import { reachIp, ROLE_LABEL, STATE_VIEW } from './model'
import { DeleteNodeDialog, SetupNodeDialog } from './NodeDialogs'
import { ActivityTab } from './ActivityTab'
import { PowerDialog, RemoveControlPlaneDialog, type PowerAction } from './PowerDialogs'

function Overview({ node }: { node: Node }) {
  const rows: Array<[string, string | null]> = [
    ['Role', ROLE_LABEL[node.role]],
    ['Target IP', node.targetIp],
    ['Current IP', node.currentIp],
    ['MAC address', node.mac],
    ['Interface', node.interface],
    ['Install disk', node.disk],
    ['Talos version', node.version],
    ['Schematic', node.schematicId],
    ['Configuration written', node.configured ? 'yes' : 'no'],
    ['Installed', node.deployed ? 'yes' : 'no']
  ]
  return (
    <Card title="Overview">
      <dl className="grid grid-cols-[11rem_1fr] gap-x-4 gap-y-1.5">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-muted">{k}</dt>
            <dd className="min-w-0 font-mono text-[13px] break-all">{v ?? '—'}</dd>
          </div>
        ))}
      </dl>
      {node.stateReason && <p className="mt-4 text-[13px] text-muted">{node.stateReason}</p>}
    </Card>
  )
}

function HardwareTab({ instance, node, autoRun }: { instance: string; node: Node; autoRun: boolean }) {
  const ip = reachIp(node)
  const [asked, setAsked] = useState(autoRun)
  const q = useHardware(instance, ip, asked)
  if (!ip) {
    return <EmptyState title="No address to ask">Give this node a current or target IP first; the hardware is read from the machine.</EmptyState>
  }
  if (!asked) {
    return (
      <EmptyState
        icon={<Cpu />}
        title="Read this machine's hardware"
        action={
          <Button variant="primary" onClick={() => setAsked(true)}>
            Detect hardware
          </Button>
        }
      >
        Asks {ip} for its disks, network cards, CPU and memory. Nothing on the machine changes.
      </EmptyState>
    )
  }
  if (q.isLoading) return <Spinner label={`Asking ${ip} for its disks and network cards…`} />
  if (q.error) return <ErrorNotice title={`The hardware of ${ip} could not be read`} error={q.error} onRetry={() => void q.refetch()} />
  if (!q.data) return null
  return (
    <div className="flex flex-col gap-3">
      <div className="flex justify-end">
        <Button size="sm" icon={<RefreshCw aria-hidden className="size-3.5" />} loading={q.isFetching} onClick={() => void q.refetch()}>
          Read again
        </Button>
      </div>
      <BoardChoiceCard instance={instance} hostname={node.hostname} archReason={q.data.archReason} />
      <HardwareView hw={q.data} />
    </div>
  )
}

function PatchTab({ instance, node }: { instance: string; node: Node }) {
  const q = usePatchPreview(instance, node.hostname)
  if (q.isLoading) return <Spinner label="Generating the configuration patch…" />
  if (q.error) return <ErrorNotice title="The patch could not be generated" error={q.error} onRetry={() => void q.refetch()} />
  if (!q.data) return null
  return (
    <div className="flex flex-col gap-2">
      <p className="text-[13px] text-muted">
        What setup writes to <code>{q.data.path}</code> and applies on top of the cluster's base configuration.
      </p>
      <CodeBlock code={q.data.yaml} label={`Configuration patch for ${node.hostname}`} maxHeight="28rem" />
    </div>
  )
}

export function NodePage({ instance, hostname, tab }: { instance: string; hostname: string; tab?: string }) {
  const nodes = useNodes(instance)
  const ops = useOperations(instance)
  const [setupOpen, setSetupOpen] = useState(false)
  const [deleteOpen, setDeleteOpen] = useState(false)
  const [power, setPower] = useState<PowerAction | null>(null)
  const [removeCpOpen, setRemoveCpOpen] = useState(false)
  // Only arriving on the hardware tab ("Detect hardware" in the list) reads it at once;
  // switching tabs waits for the button, since reading talks to the machine.
  const [arrivedOn] = useState(tab)
  const node = nodes.data?.find((n) => n.hostname === hostname) ?? null
  const lastOp = (ops.data ?? []).find(
    (o) => o.target === hostname && ['setup', 'reset', 'detect', 'node-reboot', 'node-shutdown', 'control-plane-remove'].includes(o.type)
  )
  const back = (
    <Link to={['nodes']} className="mb-3 inline-flex items-center gap-1 text-[13px] text-muted hover:text-fg">
      <ArrowLeft aria-hidden className="size-3.5" /> All nodes
    </Link>
  )
  if (nodes.isLoading) return <Page title={hostname}>{<Spinner label="Loading the node…" />}</Page>
  if (nodes.error) {
    return (
      <Page title={hostname}>
        <ErrorNotice title="The node could not be read" error={nodes.error} onRetry={() => void nodes.refetch()} />
      </Page>
    )
  }
  if (!node) {
    return (
      <Page title={hostname}>
        {back}
        <EmptyState title={`No node named ${hostname}`}>It may have been removed. Go back to the node list.</EmptyState>
      </Page>
    )
  }
  const state = STATE_VIEW[node.state]
  return (
    <Page
      title={node.hostname}
      description={
        <span className="flex items-center gap-2">
          {ROLE_LABEL[node.role]} <Badge tone={state.tone}>{state.word}</Badge>
        </span>
      }
      actions={
        <>
          {node.deployed && (
            <>
              <Button icon={<RotateCw aria-hidden className="size-4" />} onClick={() => setPower('reboot')}>
                Reboot…
              </Button>
              <Button icon={<Power aria-hidden className="size-4" />} onClick={() => setPower('shutdown')}>
                Shut down…
              </Button>
            </>
          )}
          {node.deployed && node.role === 'controlplane' ? (
            <Button icon={<Trash2 aria-hidden className="size-4" />} onClick={() => setRemoveCpOpen(true)}>
              Remove control plane…
            </Button>
          ) : (
            <Button icon={<Trash2 aria-hidden className="size-4" />} onClick={() => setDeleteOpen(true)}>
              Reset or remove…
            </Button>
          )}
          <Button variant="primary" icon={<Play aria-hidden className="size-4" />} onClick={() => setSetupOpen(true)}>
            {node.state === 'ready' ? 'Apply configuration' : 'Set up'}
          </Button>
        </>
      }
    >
      {back}
      <div className="flex flex-col gap-5">
        {lastOp && <OperationCard op={lastOp} defaultOpen={lastOp.status === 'running' || lastOp.status === 'failed'} showView={false} />}
        <Tabs
          label="Node details"
          defaultValue={tab === 'hardware' || tab === 'config' || tab === 'activity' ? tab : 'overview'}
          onValueChange={(v) => navigate('nodes', node.hostname, ...(v === 'overview' ? [] : [v]))}
          tabs={[
            { id: 'overview', label: 'Overview', content: <Overview node={node} /> },
            { id: 'hardware', label: 'Hardware', content: <HardwareTab instance={instance} node={node} autoRun={arrivedOn === 'hardware'} /> },
            { id: 'config', label: 'Configuration', content: <PatchTab instance={instance} node={node} /> },
            ...(node.deployed ? [{ id: 'activity', label: 'Services & logs', content: <ActivityTab instance={instance} node={node} /> }] : [])
          ]}
        />
      </div>
      <SetupNodeDialog instance={instance} node={node} open={setupOpen} onOpenChange={setSetupOpen} />
      <PowerDialog instance={instance} node={node} action={power} onOpenChange={(o) => !o && setPower(null)} />
      <RemoveControlPlaneDialog instance={instance} node={node} open={removeCpOpen} onOpenChange={setRemoveCpOpen} />
      <DeleteNodeDialog instance={instance} node={node} open={deleteOpen} onOpenChange={setDeleteOpen} onDeleted={() => navigate('nodes')} />
    </Page>
  )
}
