import { ArrowUpCircle } from 'lucide-react'
import { useState } from 'react'
import type { Operation } from '@shared/contract/operations'
import type { UpgradePlan } from '@shared/contract/upgrade'
import { useCommandMutation, useCommandQuery } from '../../api/hooks'
import { Badge, Button, Card, ErrorNotice, InlineError, Spinner, Table, TBody, TD, TH, THead, TR } from '../../ui'
import { isActive } from '../operations/model'
import { OperationLive } from '../operations/OperationLive'
import { TalosVersionField } from '../setup/TalosVersionField'

/** Where a node stands in the plan and the running upgrade: its step's state, else the plan's. */
export function nodeState(node: UpgradePlan['nodes'][number], op: Operation | undefined): { word: string; tone: 'ok' | 'accent' | 'danger' | 'neutral' } {
  const step = op?.steps.find((s) => s.name === `upgrade ${node.hostname}`)
  if (step?.status === 'completed') return { word: 'upgraded', tone: 'ok' }
  if (step?.status === 'running') return { word: 'upgrading…', tone: 'accent' }
  if (step?.status === 'failed') return { word: 'failed', tone: 'danger' }
  if (node.action === 'skip' || step?.status === 'skipped') return { word: 'already there', tone: 'neutral' }
  return { word: 'to upgrade', tone: 'neutral' }
}

function PlanTable({ plan, op }: { plan: UpgradePlan; op: Operation | undefined }) {
  return (
    <Table label="Upgrade order">
      <THead>
        <TR>
          <TH>#</TH>
          <TH>Node</TH>
          <TH>Role</TH>
          <TH>Running</TH>
          <TH>State</TH>
        </TR>
      </THead>
      <TBody>
        {plan.nodes.map((n, i) => {
          const s = nodeState(n, op)
          return (
            <TR key={n.hostname}>
              <TD className="tabular">{i + 1}</TD>
              <TD className="font-medium">{n.hostname}</TD>
              <TD>{n.role === 'controlplane' ? 'control plane' : 'worker'}</TD>
              <TD className="tabular">{n.runningVersion ?? <span className="text-danger">{n.problem ?? 'no answer'}</span>}</TD>
              <TD>
                <Badge tone={s.tone}>{s.word}</Badge>
              </TD>
            </TR>
          )
        })}
      </TBody>
    </Table>
  )
}

/** Talos: the target picked from the Image Factory's list, the rolling order, and the live run. */
export function TalosUpgradeCard({ instance, current, op }: { instance: string; current: string; op: Operation | undefined }) {
  // After a stopped run the picker starts at that run's version, so "continue" continues it.
  const unfinished = op && op.status !== 'completed' ? /→ (v\S+)$/.exec(op.target)?.[1] : undefined
  const [target, setTarget] = useState(unfinished ?? current)
  const plan = useCommandQuery('upgrade.plan', { instance, talosVersion: target }, { staleTime: 10_000 })
  const start = useCommandMutation('upgrade.cluster', { invalidates: ['operations.list'] })
  const running = op ? isActive(op) : false
  const todo = plan.data?.nodes.filter((n) => n.action === 'upgrade').length ?? 0
  const run = () => start.mutate({ instance, talosVersion: target })
  return (
    <Card
      title="Talos"
      description={`Running Talos ${current}. An etcd snapshot is taken first; then control planes, then workers, one node at a time, each back and healthy before the next.`}
      actions={
        <Button
          variant="primary"
          icon={<ArrowUpCircle aria-hidden className="size-4" />}
          disabled={running || todo === 0 || plan.isLoading}
          loading={start.isPending}
          onClick={run}
        >
          {todo === 0 ? 'Nothing to upgrade' : `Upgrade ${todo} node${todo === 1 ? '' : 's'} to ${target}`}
        </Button>
      }
    >
      <div className="flex flex-col gap-4">
        <TalosVersionField value={target} fresh={false} onChange={(v) => setTarget(v)} />
        {plan.isLoading ? (
          <Spinner inline label="Asking each node its version…" />
        ) : plan.error ? (
          <ErrorNotice compact title="The nodes could not be asked" error={plan.error} onRetry={() => void plan.refetch()} />
        ) : plan.data ? (
          <PlanTable plan={plan.data} op={op} />
        ) : null}
        <InlineError error={start.error} />
        {op && (
          <>
            {running && <p className="text-[13px] text-muted">Cancel stops after the node in progress: a node is never left half-way.</p>}
            <OperationLive op={op} onRetry={run} retryLabel="Continue the upgrade" retrying={start.isPending} />
          </>
        )}
      </div>
    </Card>
  )
}
