import { ArrowLeft } from 'lucide-react'
import { useCommandQuery } from '../../api/hooks'
import { Page } from '../../app/Page'
import { navigate } from '../../app/router'
import { Button, ErrorNotice, Spinner } from '../../ui'
import { useOperations } from '../operations/hooks'
import { KubernetesUpgradeCard } from './KubernetesUpgradeCard'
import { TalosUpgradeCard } from './TalosUpgradeCard'

/**
 * Upgrades of a running cluster (#/setup/upgrade, from the cluster overview): Talos node by node
 * and Kubernetes after its dry run, each followed live from the newest operation of its kind.
 */
export function UpgradeScreen({ instance }: { instance: string }) {
  const cluster = useCommandQuery('cluster.settings.get', { instance })
  const ops = useOperations(instance)
  const latest = (type: 'talos-upgrade' | 'kubernetes-upgrade') => (ops.data ?? []).find((o) => o.type === type)
  const back = (
    <Button size="sm" icon={<ArrowLeft aria-hidden className="size-3.5" />} onClick={() => navigate('setup')}>
      Cluster overview
    </Button>
  )
  return (
    <Page title="Upgrade" description="Move the cluster to a newer Talos or Kubernetes, one step at a time." width="narrow" actions={back}>
      <div className="flex flex-col gap-5">
        {cluster.error ? (
          <ErrorNotice title="The cluster settings could not be read" error={cluster.error} onRetry={() => void cluster.refetch()} />
        ) : !cluster.data ? (
          <Spinner label="Reading the cluster…" />
        ) : (
          <>
            <TalosUpgradeCard instance={instance} current={cluster.data.talosVersion} op={latest('talos-upgrade')} />
            <KubernetesUpgradeCard instance={instance} current={cluster.data.kubernetesVersion} op={latest('kubernetes-upgrade')} />
          </>
        )}
      </div>
    </Page>
  )
}
