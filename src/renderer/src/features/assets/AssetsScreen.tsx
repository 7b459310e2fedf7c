import { HardDriveDownload } from 'lucide-react'
import { useState } from 'react'
import { TalosVersion } from '@shared/contract/assets'
import type { ScreenProps } from '../../app/screen'
import { Page } from '../../app/Page'
import { navigate } from '../../app/router'
import { useCommandQuery } from '../../api/hooks'
import { Button, EmptyState, ErrorNotice, Field, Input, Spinner } from '../../ui'
import { useOperations } from '../operations/hooks'
import { AssetSetCard } from './AssetSetCard'
import { BootMediaHelp } from './BootMediaHelp'
import { useAssets } from './hooks'
import { groupSets, VANILLA_SCHEMATIC_ID } from './model'

function VersionForm({ onShow, initial = '' }: { onShow: (v: string) => void; initial?: string }) {
  const [value, setValue] = useState(initial)
  const [error, setError] = useState<string | null>(null)
  return (
    <form
      noValidate
      aria-label="Show a Talos version"
      className="flex items-start gap-2"
      onSubmit={(e) => {
        e.preventDefault()
        const r = TalosVersion.safeParse(value.trim())
        if (!r.success) return setError(r.error.issues[0]?.message ?? 'Not a Talos version')
        setError(null)
        onShow(r.data)
      }}
    >
      <Field label="Talos version" error={error} className="w-56">
        <Input value={value} onChange={(e) => setValue(e.target.value)} placeholder="v1.11.5" spellCheck={false} />
      </Field>
      <Button type="submit" className="mt-6.5">
        Show files
      </Button>
    </form>
  )
}

function AssetsScreen({ instance }: ScreenProps) {
  const [version, setVersion] = useState<string | undefined>(undefined)
  const q = useAssets(instance ?? '', version)
  const ops = useOperations(instance)
  const cluster = useCommandQuery('cluster.settings.get', { instance: instance ?? '' }, { enabled: Boolean(instance) })
  if (!instance) return null
  const sets = groupSets(q.data ?? [])
  const c = cluster.data
  const isCurrent = (s: (typeof sets)[number]) =>
    Boolean(c) && s.version === c!.talosVersion && s.schematicId === (c!.schematicId ?? VANILLA_SCHEMATIC_ID) && s.arch === 'amd64'
  const current = sets.find(isCurrent) ?? (version ? undefined : sets[0])
  const noVersion = q.error?.code === 'VALIDATION' && /version/i.test(q.error.message)
  return (
    <Page
      title="Boot assets"
      description="The Talos files machines boot from: an ISO image for a USB stick, or a kernel and initramfs for network boot."
      actions={version && <Button onClick={() => setVersion(undefined)}>Show this cluster's files</Button>}
    >
      {q.isLoading ? (
        <Spinner label="Looking at the downloaded files…" />
      ) : noVersion ? (
        <EmptyState
          icon={<HardDriveDownload />}
          title="Choose a Talos version first"
          action={
            <Button variant="primary" onClick={() => navigate('setup')}>
              Open Setup
            </Button>
          }
        >
          <p>The boot files depend on the Talos version and extensions of your cluster. Pick them in Setup, or show a version here:</p>
          <div className="mt-4 flex justify-center text-left">
            <VersionForm onShow={setVersion} />
          </div>
        </EmptyState>
      ) : q.error ? (
        <ErrorNotice title="The boot files could not be listed" error={q.error} onRetry={() => void q.refetch()} />
      ) : sets.length === 0 ? (
        <EmptyState icon={<HardDriveDownload />} title="No boot files">
          Nothing is downloaded yet for this version.
        </EmptyState>
      ) : (
        <div className="flex flex-col gap-5">
          {sets.map((s) => (
            <AssetSetCard key={s.key} instance={instance} set={s} ops={ops.data} current={isCurrent(s)} />
          ))}
          {current && <BootMediaHelp instance={instance} assets={current.assets} />}
          <details className="rounded-lg border border-line bg-surface px-5 py-3.5">
            <summary className="cursor-pointer text-sm font-medium">Another Talos version</summary>
            <div className="mt-3">
              <VersionForm onShow={setVersion} initial={version ?? ''} />
            </div>
          </details>
        </div>
      )}
    </Page>
  )
}

export default AssetsScreen
