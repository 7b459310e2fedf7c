import { Download, ShieldCheck, Trash2 } from 'lucide-react'
import { useState } from 'react'
import type { Operation } from '@shared/contract/operations'
import { Badge, Button, CopyButton, Dialog, ErrorNotice, InlineError, useNow, useToast } from '../../ui'
import { useCancelOperation } from '../operations/hooks'
import { OperationProgress } from '../operations/OperationCard'
import { AssetFilesTable } from './AssetFilesTable'
import { useDeleteAssets, useDownloadAssets, useDownloadFiles, useVerifyAssets } from './hooks'
import { downloadFor, setSummary, shortId, unverifiedNote, type AssetSetView } from './model'

function ActiveDownload({ op }: { op: Operation }) {
  const now = useNow(true)
  const cancel = useCancelOperation()
  return (
    <div className="flex items-start gap-3 rounded-md border border-line bg-surface-2 p-3">
      <div className="min-w-0 flex-1">
        <OperationProgress op={op} now={now} />
      </div>
      <Button size="sm" loading={cancel.isPending} onClick={() => cancel.mutate({ instance: op.instance, id: op.id })}>
        Cancel download
      </Button>
    </div>
  )
}

/** One set of boot files: what is there, how big, in what state, and the actions on it. */
export function AssetSetCard({ instance, set, ops, current }: { instance: string; set: AssetSetView; ops: Operation[] | undefined; current?: boolean }) {
  const toast = useToast()
  const download = useDownloadAssets()
  const verify = useVerifyAssets()
  const del = useDeleteAssets()
  const [confirmDelete, setConfirmDelete] = useState(false)
  const [notVerified, setNotVerified] = useState<string | null>(null)
  const summary = setSummary(set)
  const running = downloadFor(ops, set)
  const files = useDownloadFiles(instance, running?.id)
  const selector = { instance, version: set.version, schematicId: set.schematicId, arch: set.arch }
  const title = `Talos ${set.version} · ${set.arch}`
  return (
    <section aria-label={title} className="rounded-lg border border-line bg-surface">
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-line px-5 py-3.5">
        <div className="min-w-0">
          <h2 className="flex items-center gap-2 text-sm font-semibold">
            {title}
            {current && <Badge tone="accent">this cluster</Badge>}
            {summary.complete ? <Badge tone="ok">ready</Badge> : summary.corrupt ? <Badge tone="danger">needs a new download</Badge> : null}
          </h2>
          <p className="mt-0.5 flex items-center gap-1 text-[13px] text-muted">
            {shortId(set.schematicId)}
            <CopyButton text={set.schematicId} label="Copy schematic ID" className="size-6" />
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-2">
          {summary.anyOnDisk && (
            <Button size="sm" icon={<Trash2 aria-hidden className="size-3.5" />} disabled={Boolean(running)} onClick={() => setConfirmDelete(true)}>
              Delete files…
            </Button>
          )}
          {summary.anyOnDisk && (
            <Button
              size="sm"
              icon={<ShieldCheck aria-hidden className="size-3.5" />}
              disabled={Boolean(running)}
              loading={verify.isPending}
              onClick={() => {
                setNotVerified(null)
                verify.mutate(selector, {
                  onSuccess: (checked) => {
                    const note = unverifiedNote(checked)
                    setNotVerified(note)
                    if (!note) toast({ title: `${title}: every file matches its checksum` })
                  }
                })
              }}
            >
              Verify
            </Button>
          )}
          {summary.needsDownload && !running && (
            <Button
              size="sm"
              variant="primary"
              icon={<Download aria-hidden className="size-3.5" />}
              loading={download.isPending}
              onClick={() => download.mutate(summary.corrupt ? { ...selector, force: true } : selector)}
            >
              {set.assets.some((a) => a.state === 'partial') ? 'Resume download' : 'Download'}
            </Button>
          )}
        </div>
      </header>
      <div className="flex flex-col gap-3 px-5 py-4">
        {/* Reserved for the download: a running one shows progress here, errors below. */}
        {running && <ActiveDownload op={running} />}
        <InlineError error={download.error} />
        {verify.error && <ErrorNotice compact title="Verification failed" error={verify.error} />}
        {notVerified && (
          <div role="note" className="rounded-md border border-warn/40 bg-warn-soft p-3 text-[13px]">
            {notVerified}
          </div>
        )}
        <AssetFilesTable title={title} set={set} download={files.data} />
      </div>
      <Dialog
        open={confirmDelete}
        onOpenChange={(o) => !del.isPending && setConfirmDelete(o)}
        title={`Delete the files of ${title}?`}
        description="The downloaded and partly downloaded files of this set are removed. Machines already installed are not affected; you can download the files again."
        footer={
          <>
            <Button onClick={() => setConfirmDelete(false)} disabled={del.isPending}>
              Cancel
            </Button>
            <Button
              variant="danger"
              loading={del.isPending}
              onClick={() =>
                del.mutate(selector, {
                  onSuccess: (r) => {
                    toast({ title: `Deleted ${r.deleted.length} file${r.deleted.length === 1 ? '' : 's'}` })
                    setConfirmDelete(false)
                  }
                })
              }
            >
              Delete files
            </Button>
          </>
        }
      >
        <InlineError error={del.error} />
      </Dialog>
    </section>
  )
}
