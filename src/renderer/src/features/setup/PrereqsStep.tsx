import { CheckCircle2, Network, Usb, XCircle } from 'lucide-react'
import { useCommandQuery } from '../../api/hooks'
import { navigate } from '../../app/router'
import { Button, Card, ErrorNotice, Spinner } from '../../ui'
import { AssetSetCard } from '../assets/AssetSetCard'
import { BootMediaHelp } from '../assets/BootMediaHelp'
import { useAssets } from '../assets/hooks'
import { groupSets } from '../assets/model'
import { useOperations } from '../operations/hooks'

function Talosctl() {
  const q = useCommandQuery('diagnostics.run', {}, { staleTime: 30_000 })
  const check = q.data?.checks.find((c) => c.id === 'talosctl')
  return (
    <Card title="talosctl" description="The Talos command-line tool this app runs for you.">
      {q.isLoading ? (
        <Spinner inline label="Looking for talosctl…" />
      ) : q.error ? (
        <ErrorNotice compact error={q.error} onRetry={() => void q.refetch()} />
      ) : check?.status === 'ok' ? (
        <p className="flex items-center gap-2">
          <CheckCircle2 aria-hidden className="size-4 text-ok" /> Found: {check.detail}
        </p>
      ) : (
        <div className="flex flex-col gap-2">
          <p className="flex items-center gap-2">
            <XCircle aria-hidden className="size-4 text-danger" /> {check?.detail ?? 'talosctl was not found.'}
          </p>
          {check?.hint && <p className="text-muted">{check.hint}</p>}
          <div className="flex gap-2">
            <Button size="sm" onClick={() => navigate('settings')}>
              Open Settings
            </Button>
            <Button size="sm" onClick={() => void q.refetch()} loading={q.isFetching}>
              Check again
            </Button>
          </div>
        </div>
      )}
    </Card>
  )
}

/** The two ways a machine gets the installer; network boot has its own screen. */
function BootChoice() {
  return (
    <Card title="How will the machine boot the installer?">
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex gap-3">
          <Usb aria-hidden className="mt-0.5 size-5 shrink-0 text-muted" />
          <div>
            <h3 className="font-medium">USB stick</h3>
            <p className="text-[13px] text-muted">Write the ISO below to a stick and boot the machine from it.</p>
          </div>
        </div>
        <div className="flex gap-3">
          <Network aria-hidden className="mt-0.5 size-5 shrink-0 text-muted" />
          <div className="flex flex-col items-start gap-2">
            <div>
              <h3 className="font-medium">Network boot</h3>
              <p className="text-[13px] text-muted">No stick: this computer serves the installer on the LAN; the machine boots with network first.</p>
            </div>
            <Button size="sm" onClick={() => navigate('netboot')}>
              Set up network boot
            </Button>
          </div>
        </div>
      </div>
    </Card>
  )
}

/** Step 2: talosctl found, and a way to boot the machine (USB stick or network). */
export function PrereqsStep({ instance }: { instance: string }) {
  const assets = useAssets(instance)
  const ops = useOperations(instance)
  const set = groupSets(assets.data ?? [])[0]
  return (
    <div className="flex flex-col gap-5">
      <Talosctl />
      <BootChoice />
      {assets.isLoading ? (
        <Spinner label="Looking at the boot files…" />
      ) : assets.error ? (
        <ErrorNotice title="The boot files could not be listed" error={assets.error} onRetry={() => void assets.refetch()} />
      ) : set ? (
        <>
          <AssetSetCard instance={instance} set={set} ops={ops.data} current />
          <BootMediaHelp instance={instance} assets={set.assets} />
        </>
      ) : null}
      <div className="flex items-center justify-between gap-3">
        <p className="text-[13px] text-muted">Already have a Talos USB stick, or network boot serving? You can go on.</p>
        <Button variant="primary" onClick={() => navigate('setup', 'find')}>
          Continue: find the machine
        </Button>
      </div>
    </div>
  )
}
