import { Download } from 'lucide-react'
import type { PxeAssets, PxeAssetSet } from '@shared/contract/pxe'
import { Link } from '../../app/Link'
import { Badge, Button, Card, formatBytes, InlineError, type Tone } from '../../ui'
import { useDownloadAssets } from '../assets/hooks'

const STATE: Record<PxeAssetSet['state'], { word: string; tone: Tone }> = {
  ready: { word: 'ready', tone: 'ok' },
  missing: { word: 'missing', tone: 'warn' },
  unverified: { word: 'not verified', tone: 'danger' }
}

/** amd64 is what most machines need; arm64 is offered but not pushed when nothing of it is there. */
function wanted(s: PxeAssetSet): boolean {
  return s.state !== 'ready' && (s.arch === 'amd64' || s.files.some((f) => f.state !== 'missing'))
}

/** The files the server will hand out and the iPXE builds, each with its state; missing ones download here. */
export function AssetsCard({ instance, assets }: { instance: string; assets: PxeAssets }) {
  const download = useDownloadAssets()
  const get = (s: PxeAssetSet) =>
    download.mutate({
      instance,
      version: assets.version,
      schematicId: assets.schematicId,
      arch: s.arch,
      types: ['kernel', 'initramfs', 'cmdline'],
      ...(s.state === 'unverified' ? { force: true } : {})
    })
  return (
    <Card title="What machines will boot" description={`Talos ${assets.version}, served from this computer over HTTP.`}>
      <ul className="flex flex-col divide-y divide-line" aria-label="Boot files per architecture">
        {assets.sets.map((s) => (
          <li key={s.arch} className="flex flex-wrap items-center gap-3 py-2.5 first:pt-0">
            <span className="w-16 font-medium">{s.arch}</span>
            <Badge tone={STATE[s.state].tone}>{STATE[s.state].word}</Badge>
            <span className="min-w-0 flex-1 text-[13px] text-muted">
              {s.state === 'ready'
                ? `kernel ${formatBytes(s.files.find((f) => f.type === 'kernel')?.size ?? 0)}, initramfs ${formatBytes(s.files.find((f) => f.type === 'initramfs')?.size ?? 0)}`
                : s.arch === 'arm64' && !wanted(s)
                  ? 'Only needed for arm64 machines.'
                  : s.next}
            </span>
            {s.state !== 'ready' && (
              <Button
                size="sm"
                variant={wanted(s) ? 'primary' : 'secondary'}
                icon={<Download aria-hidden className="size-3.5" />}
                loading={download.isPending && download.variables?.arch === s.arch}
                onClick={() => get(s)}
              >
                {s.state === 'unverified' ? `Download ${s.arch} again` : `Download ${s.arch}`}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {download.isSuccess && assets.sets.some((s) => s.arch === download.variables?.arch && s.state !== 'ready') && (
        <p role="status" className="mt-2 text-[13px] text-muted">
          Downloading — follow it in{' '}
          <Link to={['operations']} className="text-accent-text underline">
            Operations
          </Link>
          ; this list updates when it is done.
        </p>
      )}
      <InlineError error={download.error} />
      <p className="mt-3 text-[13px] text-muted">
        iPXE boot programs:{' '}
        {assets.binaries.map((b, i) => (
          <span key={b.name}>
            {i > 0 && ', '}
            <span
              className={b.present ? undefined : 'line-through'}
              title={b.present ? b.description : `${b.description}: not available, those machines get no answer`}
            >
              {b.name}
            </span>
          </span>
        ))}
        {assets.binaries.some((b) => !b.present) && ' (struck out: not shipped, those machines get no answer).'}
      </p>
    </Card>
  )
}
