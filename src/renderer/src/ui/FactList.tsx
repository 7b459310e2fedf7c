/** Label/value pairs as a definition list; an empty value shows as a dash. */
export function FactList({ rows, layout = 'single' }: { rows: Array<[string, string | null | undefined]>; layout?: 'single' | 'double' }) {
  return (
    <dl className={layout === 'double' ? 'grid grid-cols-[6.5rem_1fr_6.5rem_1fr] gap-x-4 gap-y-1.5' : 'grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1.5'}>
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-muted">{k}</dt>
          <dd className="min-w-0 break-words">{v || '—'}</dd>
        </div>
      ))}
    </dl>
  )
}
