import { useMemo, useState, type ReactNode } from 'react'
import { Card, CopyButton, ErrorNotice, Input, Select, Spinner, useStickyScroll } from '../../ui'
import { MAX_LOG_LINES, useLogFollow } from './node-ops-hooks'

/** Kernel messages are chosen with this value; every other value is a service id. */
export const KERNEL = '__kernel__'

/** `line` with every case-insensitive match of `term` in a <mark>. */
export function highlight(line: string, term: string): ReactNode {
  if (!term) return line
  const lower = line.toLowerCase()
  const t = term.toLowerCase()
  const parts: ReactNode[] = []
  let at = 0
  for (let i = lower.indexOf(t); i >= 0; i = lower.indexOf(t, at)) {
    if (i > at) parts.push(line.slice(at, i))
    parts.push(
      <mark key={i} className="rounded-sm bg-warn-soft text-fg">
        {line.slice(i, i + term.length)}
      </mark>
    )
    at = i + term.length
  }
  if (at < line.length) parts.push(line.slice(at))
  return parts
}

/**
 * A node's service logs and kernel messages: pick the source, follow it live, search (matches
 * highlighted, with a count) and copy. At most MAX_LOG_LINES lines are kept; the view sticks to
 * the bottom while following unless the operator scrolled up.
 */
export function LogsPanel({ instance, node, services }: { instance: string; node: string; services: string[] }) {
  const [source, setSource] = useState(services.includes('kubelet') ? 'kubelet' : KERNEL)
  const [follow, setFollow] = useState(false)
  const [search, setSearch] = useState('')
  const log = useLogFollow(instance, node, { service: source === KERNEL ? null : source }, follow)
  const { ref, onScroll } = useStickyScroll<HTMLDivElement>(log.lines)
  const matches = useMemo(() => (search ? log.lines.filter((l) => l.toLowerCase().includes(search.toLowerCase())).length : 0), [log.lines, search])
  const label = source === KERNEL ? 'Kernel messages' : `Log of ${source}`

  return (
    <Card
      title="Logs"
      description={`Service logs and kernel messages of ${node}, as talosctl logs and dmesg show them.`}
      actions={<CopyButton text={log.lines.join('\n')} label={`Copy ${label.toLowerCase()}`} />}
    >
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-2 text-[13px]">
          <span className="text-muted">Source</span>
          <Select aria-label="Log source" value={source} onChange={(e) => setSource(e.target.value)} className="w-44">
            <option value={KERNEL}>Kernel (dmesg)</option>
            {services.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        </label>
        <label className="flex items-center gap-2 text-[13px]">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} className="size-4" />
          Follow
        </label>
        <div className="w-56">
          <Input aria-label="Search the log" placeholder="Search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <span className="text-[13px] text-muted" aria-live="polite">
          {search ? `${matches} matching ${matches === 1 ? 'line' : 'lines'}` : log.following ? 'Following…' : `${log.lines.length} lines`}
          {log.dropped > 0 && ` · ${log.dropped} older lines not kept (at most ${MAX_LOG_LINES})`}
        </span>
      </div>
      {log.error && <ErrorNotice title={`${label} could not be read`} error={log.error} />}
      {log.loading ? (
        <Spinner label={`Reading ${label.toLowerCase()}…`} />
      ) : (
        <div
          ref={ref}
          role="log"
          aria-label={label}
          tabIndex={0}
          onScroll={onScroll}
          className="h-80 overflow-auto rounded-md border border-line bg-code px-3 py-2 font-mono text-[12px] leading-relaxed"
        >
          {log.lines.length === 0 ? (
            <span className="text-subtle">No lines yet.</span>
          ) : (
            log.lines.map((l, i) => (
              <div key={i} className="whitespace-pre-wrap [overflow-wrap:anywhere]">
                {highlight(l, search)}
              </div>
            ))
          )}
        </div>
      )}
    </Card>
  )
}
