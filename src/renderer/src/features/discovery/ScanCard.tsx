import { RotateCcw, Square, Trash2 } from 'lucide-react'
import type { DiscoveryStatus } from '@shared/contract/discovery'
import { Button, Card, InlineError, ProgressBar } from '../../ui'
import { useCancelOperation } from '../operations/hooks'
import { useClearDiscovery, useStartDiscovery } from './hooks'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * The running or last scan: progress, what answered, and what to do next. A scan the operator
 * stopped is not a failure: it says so in a neutral tone, keeps where it stopped, and offers to
 * scan the same range again.
 */
export function ScanCard({ instance, st, stopped }: { instance: string; st: DiscoveryStatus; stopped: boolean }) {
  const cancel = useCancelOperation()
  const clear = useClearDiscovery()
  const again = useStartDiscovery()
  const active = st.active
  const pct = st.total > 0 ? (st.probed / st.total) * 100 : null
  const machines = plural(st.nodesFound.length, 'Talos machine')
  const title = active ? `Scanning ${st.cidr}` : stopped ? `Scan stopped: ${st.cidr}` : `Last scan: ${st.cidr}`
  const stopButton = active && st.operationId && (
    <Button
      size="sm"
      icon={<Square aria-hidden className="size-3" />}
      loading={cancel.isPending}
      onClick={() => cancel.mutate({ instance, id: st.operationId! })}
    >
      Stop scan
    </Button>
  )
  const againButton = stopped && st.cidr && (
    <Button
      size="sm"
      icon={<RotateCcw aria-hidden className="size-3.5" />}
      loading={again.isPending}
      onClick={() => again.mutate({ instance, cidr: st.cidr! })}
    >
      Scan again
    </Button>
  )
  const clearButton = !active && st.nodesFound.length > 0 && (
    <Button size="sm" icon={<Trash2 aria-hidden className="size-3.5" />} loading={clear.isPending} onClick={() => clear.mutate({ instance })}>
      Clear results
    </Button>
  )
  return (
    <Card
      title={title}
      actions={
        stopButton || againButton || clearButton ? (
          <div className="flex gap-2">
            {stopButton}
            {againButton}
            {clearButton}
          </div>
        ) : undefined
      }
    >
      <ProgressBar
        label="Scan progress"
        value={active || stopped ? pct : 100}
        tone={stopped ? 'neutral' : st.error ? 'danger' : active ? 'accent' : 'ok'}
        caption={
          stopped
            ? `Stopped after ${st.probed} of ${st.total} addresses · ${st.responders} answered on port ${st.port} · ${machines} found so far`
            : `${st.probed} of ${st.total} addresses checked · ${st.responders} answered on port ${st.port} · ${machines}`
        }
      />
      {st.warning && <p className="mt-2 text-[13px] text-warn">{st.warning}</p>}
      {stopped ? (
        <p className="mt-2 text-[13px] text-muted">
          You stopped this scan. {st.nodesFound.length > 0 ? 'The machines it found before it stopped are below;' : 'Nothing had answered yet;'} the addresses
          it did not reach were not checked.
        </p>
      ) : (
        st.error && <p className="mt-2 text-[13px] text-danger">{st.error}</p>
      )}
      <InlineError error={cancel.error ?? clear.error ?? again.error} />
    </Card>
  )
}
