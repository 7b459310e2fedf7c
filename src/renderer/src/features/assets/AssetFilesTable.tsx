import { X } from 'lucide-react'
import type { DownloadFiles, FileProgress } from '@shared/contract/assets'
import { Badge, Button, formatBytes, InlineError, ProgressBar, Table, TBody, TD, TH, THead, TR } from '../../ui'
import { HashCell } from './HashCell'
import { FILE_STATE_VIEW, fileCaption, filePercent, isCancellable } from './file-progress'
import { useCancelFile } from './hooks'
import { ASSET_STATE_VIEW, TYPE_VIEW, type AssetSetView } from './model'

/** A file of a running download: its own state and progress, and a cancel of its own. */
function DownloadState({ file, label }: { file: FileProgress; label: string }) {
  const view = FILE_STATE_VIEW[file.state]
  const moving = file.state === 'downloading' || file.state === 'verifying'
  return (
    <div className="flex min-w-[13rem] flex-col gap-1">
      <span>
        <Badge tone={view.tone}>{view.word}</Badge>
      </span>
      {moving && <ProgressBar value={filePercent(file)} label={`Downloading ${label}`} caption={fileCaption(file)} />}
      {file.state === 'queued' && <span className="text-xs text-muted">{fileCaption(file)}</span>}
      {(file.state === 'failed' || file.state === 'cancelled') && file.message && <span className="text-xs text-muted">{file.message}</span>}
    </div>
  )
}

/**
 * The files of a set. While a download runs each row shows that file's progress and can be
 * cancelled alone; otherwise what is on disk. The SHA-256 is in full, to check it elsewhere.
 */
export function AssetFilesTable({ title, set, download }: { title: string; set: AssetSetView; download: DownloadFiles | undefined }) {
  const cancel = useCancelFile()
  const fileOf = (type: string) => download?.files.find((f) => f.type === type)
  const anyCancellable = Boolean(download?.files.some(isCancellable))
  return (
    <>
      <InlineError error={cancel.error} />
      <Table label={`Files of ${title}`}>
        <THead>
          <TR>
            <TH>File</TH>
            <TH>Used for</TH>
            <TH className="text-right">Size</TH>
            <TH>State</TH>
            <TH>SHA-256</TH>
            {anyCancellable && (
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            )}
          </TR>
        </THead>
        <TBody>
          {set.assets.map((a) => {
            const label = TYPE_VIEW[a.type].label
            const file = fileOf(a.type)
            const st = ASSET_STATE_VIEW[a.state]
            // The hash of the file as it is now: the fresh one when this download just wrote it.
            const sha = file?.state === 'done' ? (file.sha256 ?? a.sha256) : a.state === 'missing' || a.state === 'partial' ? null : a.sha256
            const size = file?.bytesTotal ?? (a.state === 'missing' ? null : a.size)
            return (
              <TR key={a.type}>
                <TD className="font-medium whitespace-nowrap">{label}</TD>
                <TD className="text-muted">{TYPE_VIEW[a.type].use}</TD>
                <TD className="tabular text-right whitespace-nowrap">{size === null ? '—' : formatBytes(size)}</TD>
                <TD>{file ? <DownloadState file={file} label={label} /> : <Badge tone={st.tone}>{st.word}</Badge>}</TD>
                <TD>
                  <HashCell sha256={sha} of={label} />
                </TD>
                {anyCancellable && (
                  <TD className="text-right">
                    {file && isCancellable(file) && download && (
                      <Button
                        size="sm"
                        aria-label={`Cancel ${label}`}
                        icon={<X aria-hidden className="size-3.5" />}
                        loading={cancel.isPending && cancel.variables?.file === a.type}
                        onClick={() => cancel.mutate({ instance: download.instance, operationId: download.operationId, file: a.type })}
                      >
                        Cancel
                      </Button>
                    )}
                  </TD>
                )}
              </TR>
            )
          })}
        </TBody>
      </Table>
    </>
  )
}
