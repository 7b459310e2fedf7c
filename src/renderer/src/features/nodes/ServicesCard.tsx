import { RefreshCw } from 'lucide-react'
import type { NodeService } from '@shared/contract/node-ops'
import { Badge, Button, Card, ErrorNotice, Spinner, Table, TBody, TD, TH, THead, TR, type Tone } from '../../ui'
import type { useServices } from './node-ops-hooks'

function stateTone(s: NodeService): Tone {
  if (s.health === 'Fail') return 'danger'
  if (s.state === 'Running') return s.health === 'OK' ? 'ok' : 'neutral'
  if (s.state === 'Finished') return 'neutral'
  return 'warn'
}

/** `talosctl services` of one node: state, health, when it last changed and why. */
export function ServicesCard({ q }: { q: ReturnType<typeof useServices> }) {
  return (
    <Card
      title="Services"
      description="The Talos services of this node; refreshed every 10 seconds."
      actions={
        <Button size="sm" icon={<RefreshCw aria-hidden className="size-3.5" />} loading={q.isFetching} onClick={() => void q.refetch()}>
          Refresh
        </Button>
      }
      flush
    >
      {q.isLoading && (
        <div className="px-5 py-4">
          <Spinner label="Asking the node for its services…" />
        </div>
      )}
      {q.error && (
        <div className="px-5 py-4">
          <ErrorNotice title="The services could not be read" error={q.error} onRetry={() => void q.refetch()} />
        </div>
      )}
      {q.data && (
        <Table label="Services">
          <THead>
            <TR>
              <TH>Service</TH>
              <TH>State</TH>
              <TH>Health</TH>
              <TH>Last change</TH>
              <TH>Last event</TH>
            </TR>
          </THead>
          <TBody>
            {q.data.services.map((s) => (
              <TR key={s.service}>
                <TD className="font-mono text-[13px]">{s.service}</TD>
                <TD>
                  <Badge tone={stateTone(s)}>{s.state}</Badge>
                </TD>
                <TD>
                  {s.health === '?' ? (
                    <span className="text-muted" title="No health check">
                      —
                    </span>
                  ) : (
                    s.health
                  )}
                </TD>
                <TD className="text-muted">{s.lastChange}</TD>
                <TD className="text-[13px]">{s.lastEvent}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  )
}
