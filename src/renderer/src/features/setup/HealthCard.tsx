import { CheckCircle2, TriangleAlert } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import type { Node } from '@shared/contract/nodes'
import { useCommandMutation } from '../../api/hooks'
import { Button, Card, cx, formatRelative, InlineError, useNow } from '../../ui'
import { useOperations } from '../operations/hooks'
import { OperationLive } from '../operations/OperationLive'
import { healthWords, summarizeHealth } from './health-summary'

/**
 * talosctl health as a summary in plain words ("4 of 5 checks pass, checked 2 min ago"), the raw
 * checks one click away. A node that joins changes what "healthy" means, so when the number of
 * ready nodes grows (the nodes.changed event refreshes the list) it checks again by itself.
 */
export function HealthCard({ instance, nodes }: { instance: string; nodes: Node[] }) {
  const ops = useOperations(instance)
  const run = useCommandMutation('cluster.health', { invalidates: ['operations.list'] })
  const last = (ops.data ?? []).find((o) => o.type === 'health')
  const [open, setOpen] = useState(false)
  const now = useNow(true, 15_000)
  const start = () => run.mutate({ instance })

  const ready = nodes.filter((n) => n.state === 'ready').length
  const seen = useRef(ready)
  // Only a change in the ready count starts a check; the rest is read as it is at that moment.
  const atJoin = useRef({ instance, busy: false, mutate: run.mutate })
  atJoin.current = { instance, busy: last?.status === 'running' || run.isPending, mutate: run.mutate }
  useEffect(() => {
    const joined = ready > seen.current
    seen.current = ready
    if (joined && !atJoin.current.busy) atJoin.current.mutate({ instance: atJoin.current.instance })
  }, [ready])

  const summary = last ? summarizeHealth(last) : null
  const good = summary !== null && !summary.running && summary.total > 0 && summary.passed === summary.total
  return (
    <Card
      title="Health"
      description="etcd, the API server, kubelets and that every node is Ready."
      actions={
        <Button size="sm" loading={run.isPending} disabled={last?.status === 'running'} onClick={start}>
          Check health now
        </Button>
      }
    >
      {last && summary ? (
        <div className="flex flex-col gap-3">
          <div role="status" aria-label="Health summary" className="flex items-start gap-2.5 text-[13px]">
            {good ? (
              <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0 text-ok" />
            ) : (
              <TriangleAlert aria-hidden className={cx('mt-0.5 size-4 shrink-0', summary.running ? 'text-muted' : 'text-warn')} />
            )}
            <div>
              <p className="font-medium">
                {healthWords(summary)}
                {!summary.running && <span className="font-normal text-muted">, checked {formatRelative(last.endedAt ?? last.startedAt, now)}</span>}
              </p>
              {summary.failing.length > 0 && <p className="text-muted">Not passing: {summary.failing.join('; ')}.</p>}
            </div>
          </div>
          <div>
            <Button size="sm" variant="ghost" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
              {open ? 'Hide the talosctl checks' : 'Show the talosctl checks'}
            </Button>
          </div>
          {open && <OperationLive op={last} onRetry={start} retryLabel="Check again" />}
        </div>
      ) : (
        <p className="text-[13px] text-muted">Not checked since setup.</p>
      )}
      <InlineError error={run.error} />
    </Card>
  )
}
