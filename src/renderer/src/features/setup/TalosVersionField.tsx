import { useEffect, useId, useState } from 'react'
import type { TalosRelease, TalosVersionList } from '@shared/contract/talos'
import { useCommandQuery } from '../../api/hooks'
import { Field, Select } from '../../ui'

function ago(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000))
  if (minutes < 1) return 'just now'
  if (minutes < 60) return `${minutes} min ago`
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h ago`
  return `${Math.round(minutes / 1440)} days ago`
}

/** Where the list came from, in words: the operator should know when it may be out of date. */
export function versionSourceText(list: TalosVersionList): string {
  if (list.source === 'factory') return 'Versions from the Image Factory.'
  if (list.source === 'cache') return `The Image Factory could not be reached; versions as it listed them ${ago(list.fetchedAt ?? '')}.`
  return 'The Image Factory could not be reached; versions known to this app.'
}

/**
 * The Talos version of the cluster, chosen from what the Image Factory offers. A new instance
 * starts on the newest stable release; an existing one keeps its version (shown even when the
 * factory no longer lists it) until the operator picks another.
 */
export function TalosVersionField({
  value,
  fresh,
  error,
  onChange
}: {
  value: string
  /** No basics saved yet: preselect the newest stable release once the list arrives. */
  fresh: boolean
  error?: string
  onChange: (version: string, release: TalosRelease | null) => void
}) {
  const [preReleases, setPreReleases] = useState(false)
  const versions = useCommandQuery('talos.versions', preReleases ? { preReleases: true } : {}, { staleTime: 5 * 60_000 })
  const list = versions.data
  const [preselected, setPreselected] = useState(false)
  const checkboxId = useId()

  useEffect(() => {
    if (!fresh || preselected || !list?.recommended) return
    setPreselected(true)
    if (list.recommended !== value) onChange(list.recommended, list.releases.find((r) => r.version === list.recommended) ?? null)
  }, [fresh, preselected, list, value, onChange])

  const releases = list?.releases ?? []
  const listed = releases.some((r) => r.version === value)
  const hint = versions.isPending
    ? 'Asking the Image Factory for its versions…'
    : versions.isError
      ? 'The version list could not be read; the current version is kept.'
      : list
        ? versionSourceText(list)
        : undefined

  return (
    <div className="flex flex-col gap-1.5">
      <Field label="Talos version" error={error} hint={hint}>
        <Select value={value} onChange={(ev) => onChange(ev.target.value, releases.find((r) => r.version === ev.target.value) ?? null)}>
          {!listed && value && <option value={value}>{value} (current)</option>}
          {releases.map((r) => (
            <option key={r.version} value={r.version}>
              {r.version}
              {r.version === list?.recommended ? ' — newest stable' : ''}
              {r.preRelease ? ' — pre-release' : ''}
            </option>
          ))}
        </Select>
      </Field>
      <label htmlFor={checkboxId} className="flex items-center gap-2 text-[13px] text-muted">
        <input
          id={checkboxId}
          type="checkbox"
          checked={preReleases}
          onChange={(ev) => setPreReleases(ev.target.checked)}
          className="size-3.5 accent-[var(--wc-accent)]"
        />
        Show pre-releases (alpha, beta, release candidates)
      </label>
    </div>
  )
}
