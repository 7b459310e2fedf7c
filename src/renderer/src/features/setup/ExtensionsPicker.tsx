import { Search } from 'lucide-react'
import { useState } from 'react'
import { ErrorNotice, Input, Spinner } from '../../ui'
import { useExtensions } from '../assets/hooks'

/** The extensions most small clusters need, shown first with a reason. */
export const COMMON_EXTENSIONS: Record<string, string> = {
  'siderolabs/intel-ucode': 'CPU microcode updates for Intel processors',
  'siderolabs/amd-ucode': 'CPU microcode updates for AMD processors',
  'siderolabs/i915': 'Intel integrated graphics (video transcoding)',
  'siderolabs/iscsi-tools': 'iSCSI storage (Longhorn, OpenEBS, democratic-csi)',
  'siderolabs/util-linux-tools': 'Tools some storage drivers need (Longhorn)'
}

/**
 * System extensions from the Image Factory for a Talos version. The chosen list becomes a
 * schematic; the same schematic goes into the installer, or the installed system loses them.
 */
export function ExtensionsPicker({ version, value, onChange }: { version: string | null; value: string[]; onChange: (v: string[]) => void }) {
  const q = useExtensions(version)
  const [filter, setFilter] = useState('')
  if (!version) return <p className="text-[13px] text-muted">Enter a Talos version to see its extensions.</p>
  if (q.isLoading) return <Spinner inline label={`Asking the Image Factory for the extensions of ${version}…`} />
  if (q.error) {
    return (
      <ErrorNotice
        compact
        title="The extension list could not be loaded"
        error={q.error}
        hint="Check the internet connection (and the proxy in Settings). You can continue with plain Talos and add extensions later."
        onRetry={() => void q.refetch()}
      />
    )
  }
  const all = q.data ?? []
  const f = filter.trim().toLowerCase()
  const rank = (n: string) => (n in COMMON_EXTENSIONS ? 0 : 1)
  const list = all
    .filter((e) => !f || e.name.toLowerCase().includes(f) || e.description.toLowerCase().includes(f))
    .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name))
  const toggle = (name: string, on: boolean) => onChange(on ? [...value, name].sort() : value.filter((v) => v !== name))
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="sr-only">System extensions</legend>
      <div className="relative">
        <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-subtle" />
        <Input aria-label="Filter extensions" placeholder="Filter extensions…" value={filter} onChange={(e) => setFilter(e.target.value)} className="pl-8" />
      </div>
      <ul className="max-h-56 overflow-y-auto rounded-md border border-line" aria-label="Extensions">
        {list.map((e) => (
          <li key={e.name} className="border-b border-line last:border-b-0">
            <label className="flex cursor-pointer items-start gap-2.5 px-3 py-2 hover:bg-surface-2">
              <input
                type="checkbox"
                checked={value.includes(e.name)}
                onChange={(ev) => toggle(e.name, ev.target.checked)}
                className="mt-0.5 size-4 accent-[var(--wc-accent)]"
              />
              <span className="min-w-0">
                <span className="block font-mono text-[13px]">{e.name}</span>
                <span className="block text-xs text-muted">{COMMON_EXTENSIONS[e.name] ?? e.description}</span>
              </span>
            </label>
          </li>
        ))}
        {list.length === 0 && <li className="px-3 py-3 text-[13px] text-muted">No extension matches "{filter}".</li>}
      </ul>
      <p className="text-[13px] text-muted" aria-live="polite">
        {value.length === 0 ? 'None chosen: plain Talos.' : `${value.length} chosen: ${value.join(', ')}`}
      </p>
    </fieldset>
  )
}
