import { Radar } from 'lucide-react'
import { useEffect, useState } from 'react'
import { Button, cx, Field, InlineError, Input } from '../../ui'
import { cidrProblem } from '../setup/field-messages'
import { useStartDiscovery, useSuggestions } from './hooks'

const LABEL = 'Network to scan'

/**
 * The range to scan: the one scanned last, else one of this computer's networks, or typed.
 * Nothing is scanned until asked. One message at a time: the range's own problem, else the
 * refusal of the last start, else a failure to list this computer's networks — a typo under
 * the field and a stale "scan refused" below it at once read as two problems.
 */
export function ScanForm({ instance, busy, lastCidr }: { instance: string; busy: boolean; lastCidr: string | null }) {
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
  const other = error ? null : (start.error ?? suggest.error ?? null)
  return (
    <form
      noValidate
      aria-label="Scan a network"
      onSubmit={(e) => {
        e.preventDefault()
        const value = cidr.trim()
        const problem = cidrProblem(LABEL, value)
        setError(problem)
        // The last attempt's refusal is about another range: it goes with the new attempt.
        start.reset()
        if (!problem) start.mutate({ instance, cidr: value })
      }}
      className="flex flex-col gap-3"
    >
      <div className="flex items-start gap-2">
        <Field
          label={LABEL}
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
                setError(null)
              }}
              className={cx('rounded-full border px-2 py-0.5', s.cidr === cidr ? 'border-accent text-accent-text' : 'border-line hover:bg-surface-2')}
            >
              {s.cidr} <span className="text-subtle">({s.interface})</span>
            </button>
          ))}
        </div>
      )}
      {!error && !other && start.data?.warning && <p className="text-[13px] text-warn">{start.data.warning}</p>}
      <InlineError error={other} />
    </form>
  )
}
