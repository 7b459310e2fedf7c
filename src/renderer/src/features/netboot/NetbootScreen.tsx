import type { ScreenProps } from '../../app/screen'
import { Page } from '../../app/Page'
import { ErrorNotice, Spinner } from '../../ui'
import { AssetsCard } from './AssetsCard'
import { BootTable } from './BootTable'
import { usePxeAssets, usePxeInterfaces, usePxeStatus, useZeroTouch } from './hooks'
import { ServerCard } from './ServerCard'
import { ZeroTouchCard } from './ZeroTouchCard'

/** Network boot: serve the cluster's Talos installer to machines on the LAN and watch them boot. */
function NetbootScreen({ instance }: ScreenProps) {
  const status = usePxeStatus(instance ?? '')
  const interfaces = usePxeInterfaces(instance ?? '')
  const assets = usePxeAssets(instance ?? '')
  const zeroTouch = useZeroTouch(instance ?? '')
  if (!instance) return null
  const loading = status.isLoading || interfaces.isLoading || assets.isLoading
  const error = status.error ?? interfaces.error ?? assets.error
  return (
    <Page
      title="Network boot"
      description="No USB stick: this computer answers machines that boot from the network and hands them the Talos installer. They then appear in Discovery."
    >
      {loading ? (
        <Spinner label="Looking at the network and the boot files…" />
      ) : error ? (
        <ErrorNotice
          title="Network boot is not available"
          error={error}
          onRetry={() => void Promise.all([status.refetch(), interfaces.refetch(), assets.refetch()])}
        />
      ) : (
        <div className="flex flex-col gap-5">
          <div className="grid gap-5 lg:grid-cols-2">
            <ServerCard instance={instance} status={status.data!} interfaces={interfaces.data!} assetsReady={assets.data!.ready} />
            <AssetsCard instance={instance} assets={assets.data!} />
          </div>
          <BootTable clients={status.data!.clients} running={status.data!.running} />
          {zeroTouch.data && <ZeroTouchCard instance={instance} data={zeroTouch.data} />}
        </div>
      )}
    </Page>
  )
}

export default NetbootScreen
