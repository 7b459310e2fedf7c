import { Radar, Square, Trash2 } from 'lucide-react'
import { useEffect, useState } from 'react'
import { Cidr } from '../../../../shared/schemas/common'
import type { DiscoveredNode } from '../../../../shared/contract/discovery'
import { Badge, Button, Card, cx, EmptyState, ErrorNotice, Field, InlineError, Input, ProgressBar, Spinner, Table, TBody, TD, TH, THead, TR } from '../../ui'
import { useCancelOperation } from '../operations/hooks'
import { useClearDiscovery, useDiscoveryStatus, useStartDiscovery, useSuggestions } from './hooks'
import { FOUND_VIEW, sortFound } from './model'

/**
 * The range to scan: the one scanned last, else one of this computer's networks, or typed.
 * Nothing is scanned until asked.
 */
function ScanForm({ instance, busy, lastCidr }: { instance: string; busy: boolean; lastCidr: string | null }) {
  const suggest = useSuggestions()
  const start = useStartDiscovery()
  const [cidr, setCidr] = useState('')
  const [typed, setTyped] = useState(false)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    // Scanning again means the same range, not whichever network this computer lists first.
    if (typed) return
    const initial = lastCidr ?? suggest.data?.[0]?.cidr
    if (initial) setCidr(initial)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [suggest.data, lastCidr])
  const chosen = suggest.data?.find((s) => s.cidr === cidr)
  return (
    <form
      noValidate
      aria-label="Scan a network"
      onSubmit={(e) => {
        e.preventDefault()
        const r = Cidr.safeParse(cidr.trim())
        if (!r.success) return setError(r.error.issues[0]?.message ?? 'Not a range')
        setError(null)
        start.mutate({ instance, cidr: r.data })
      }}
      className="flex flex-col gap-3"
    >
      <div className="flex items-start gap-2">
        <Field
          label="Network to scan"
          error={error}
          hint={
            chosen
              ? `${chosen.addresses} addresses on ${chosen.interface} (this computer is ${chosen.address}).${chosen.note ? ` ${chosen.note}` : ''}`
              : 'A range like 192.168.1.0/24. Only the range you give is scanned, on port 50000.'
          }
          className="flex-1"
        >
          <Input
            value={cidr}
            onChange={(e) => {
              setTyped(true)
              setCidr(e.target.value)
            }}
            spellCheck={false}
            placeholder="192.168.1.0/24"
          />
        </Field>
        <Button type="submit" variant="primary" className="mt-6.5" icon={<Radar aria-hidden className="size-4" />} loading={start.isPending} disabled={busy}>
          Scan
        </Button>
      </div>
      {suggest.data && suggest.data.length > 1 && (
        <div className="flex flex-wrap items-center gap-1.5 text-[13px] text-muted">
          This computer's networks:
          {suggest.data.map((s) => (
            <button
              key={s.cidr}
              type="button"
              onClick={() => {
                setTyped(true)
                setCidr(s.cidr)
              }}
              className={cx('rounded-full border px-2 py-0.5', s.cidr === cidr ? 'border-accent text-accent-text' : 'border-line hover:bg-surface-2')}
            >
              {s.cidr} <span className="text-subtle">({s.interface})</span>
            </button>
          ))}
        </div>
      )}
      {start.data?.warning && <p className="text-[13px] text-warn">{start.data.warning}</p>}
      <InlineError error={start.error} />
      <InlineError error={suggest.error} />
    </form>
  )
}

/**
 * The machines a scan found. Four columns, so the action stays in view in the narrow wizard at
 * 1024 px: the hostname goes under the address, the Talos version under the state, the disks
 * under the MAC.
 */
export function FoundTable({
  nodes,
  onPick,
  pickLabel = 'Use this machine'
}: {
  nodes: DiscoveredNode[]
  onPick?: (n: DiscoveredNode) => void
  pickLabel?: string
}) {
  return (
    <Table label="Machines found">
      <THead>
        <TR>
          <TH>Address</TH>
          <TH>State</TH>
          <TH>MAC and disks</TH>
          {onPick && (
            <TH>
              <span className="sr-only">Action</span>
            </TH>
          )}
        </TR>
      </THead>
      <TBody>
        {sortFound(nodes).map((n) => {
          const v = FOUND_VIEW[n.state]
          return (
            <TR key={n.ip}>
              <TD>
                <span className="tabular block font-medium">{n.ip}</span>
                {n.hostname && <span className="block text-xs text-muted">{n.hostname}</span>}
              </TD>
              <TD>
                <Badge tone={v.tone} title={n.note ?? v.explain}>
                  {v.word}
                </Badge>
                {n.version && <span className="mt-0.5 block text-xs text-muted">Talos {n.version}</span>}
                {n.note && <span className="mt-0.5 block max-w-64 text-xs text-muted">{n.note}</span>}
              </TD>
              <TD>
                <span className="block font-mono text-[12.5px]">{n.mac ?? '—'}</span>
                {n.disks?.length ? <span className="block text-xs text-muted">{n.disks.join(', ')}</span> : null}
              </TD>
              {onPick && (
                <TD className="text-right whitespace-nowrap">
                  {n.state === 'maintenance' && (
                    <Button size="sm" onClick={() => onPick(n)} aria-label={`${pickLabel} ${n.ip}`}>
                      {pickLabel}
                    </Button>
                  )}
                </TD>
              )}
            </TR>
          )
        })}
      </TBody>
    </Table>
  )
}

/** Scan form, live progress and results; used by the Discovery screen and the Setup wizard. */
export function DiscoveryPanel({ instance, onPick, pickLabel }: { instance: string; onPick?: (n: DiscoveredNode) => void; pickLabel?: string }) {
  const q = useDiscoveryStatus(instance)
  const cancel = useCancelOperation()
  const clear = useClearDiscovery()
  const st = q.data
  const active = Boolean(st?.active)
  const pct = st && st.total > 0 ? (st.probed / st.total) * 100 : null
  return (
    <div className="flex flex-col gap-5">
      <Card>
        <ScanForm instance={instance} busy={active} lastCidr={st?.cidr ?? null} />
      </Card>
      {q.isLoading ? (
        <Spinner label="Loading the last scan…" />
      ) : q.error ? (
        <ErrorNotice title="The scan status could not be read" error={q.error} onRetry={() => void q.refetch()} />
      ) : st ? (
        <>
          {(active || st.cidr) && (
            <Card
              title={active ? `Scanning ${st.cidr}` : `Last scan: ${st.cidr}`}
              actions={
                active && st.operationId ? (
                  <Button
                    size="sm"
                    icon={<Square aria-hidden className="size-3" />}
                    loading={cancel.isPending}
                    onClick={() => cancel.mutate({ instance, id: st.operationId! })}
                  >
                    Stop scan
                  </Button>
                ) : st.nodesFound.length > 0 ? (
                  <Button size="sm" icon={<Trash2 aria-hidden className="size-3.5" />} loading={clear.isPending} onClick={() => clear.mutate({ instance })}>
                    Clear results
                  </Button>
                ) : undefined
              }
            >
              <ProgressBar
                label="Scan progress"
                value={active ? pct : 100}
                tone={st.error ? 'danger' : active ? 'accent' : 'ok'}
                caption={`${st.probed} of ${st.total} addresses checked · ${st.responders} answered on port ${st.port} · ${st.nodesFound.length} Talos machine${st.nodesFound.length === 1 ? '' : 's'}`}
              />
              {st.warning && <p className="mt-2 text-[13px] text-warn">{st.warning}</p>}
              {st.error && <p className="mt-2 text-[13px] text-danger">{st.error}</p>}
              <InlineError error={cancel.error ?? clear.error} />
            </Card>
          )}
          {st.nodesFound.length > 0 ? (
            <FoundTable nodes={st.nodesFound} onPick={onPick} pickLabel={pickLabel} />
          ) : active ? (
            <p className="text-muted" aria-live="polite">
              No Talos machine has answered yet. Machines show up here as they are found.
            </p>
          ) : st.cidr ? (
            <EmptyState icon={<Radar />} title="No Talos machine found">
              Check that the machine booted Talos (its screen shows an IP address and "maintenance"), that it is on the same network as this computer, and that
              the range includes that address.
            </EmptyState>
          ) : (
            <EmptyState icon={<Radar />} title="No scan yet">
              Boot the machines from the Talos USB stick or over the network, then scan the network they are on.
            </EmptyState>
          )}
        </>
      ) : null}
    </div>
  )
}
