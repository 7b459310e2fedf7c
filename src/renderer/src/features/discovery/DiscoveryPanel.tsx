import { Radar } from 'lucide-react'
import type { DiscoveredNode } from '@shared/contract/discovery'
import { Card, EmptyState, ErrorNotice, Spinner } from '../../ui'
import { useMachines } from '../machines/hooks'
import { FoundTable } from './FoundTable'
import { useDiscoveryStatus, useScanStopped } from './hooks'
import { ScanCard } from './ScanCard'
import { ScanForm } from './ScanForm'

/** Scan form, live progress and results; used by the Discovery screen and the Setup wizard. */
export function DiscoveryPanel({ instance, onPick, pickLabel }: { instance: string; onPick?: (n: DiscoveredNode) => void; pickLabel?: string }) {
  const q = useDiscoveryStatus(instance)
  const st = q.data
  const stopped = useScanStopped(instance, st)
  // The merged list knows which answers are registered nodes (by MAC too) and which are stale.
  const machines = useMachines(instance).data?.machines
  const active = Boolean(st?.active)
  return (
    <div className="flex flex-col gap-5">
      <Card>
        <ScanForm instance={instance} busy={active} lastCidr={st?.cidr ?? null} />
      </Card>
      {q.isLoading ? (
        <Spinner label="Loading the last scan…" />
      ) : q.error ? (
        <ErrorNotice title="The scan status could not be read" error={q.error} onRetry={() => void q.refetch()} />
      ) : st ? (
        <>
          {(active || st.cidr) && <ScanCard instance={instance} st={st} stopped={stopped} />}
          {st.nodesFound.length > 0 ? (
            <FoundTable nodes={st.nodesFound} machines={machines} onPick={onPick} pickLabel={pickLabel} />
          ) : active ? (
            <p className="text-muted" aria-live="polite">
              No Talos machine has answered yet. Machines show up here as they are found.
            </p>
          ) : stopped ? null : st.cidr ? (
            <EmptyState icon={<Radar />} title="No Talos machine found">
              Check that the machine booted Talos (its screen shows an IP address and "maintenance"), that it is on the same network as this computer, and that
              the range includes that address.
            </EmptyState>
          ) : (
            <EmptyState icon={<Radar />} title="No scan yet">
              Boot the machines from the Talos USB stick or over the network, then scan the network they are on.
            </EmptyState>
          )}
        </>
      ) : null}
    </div>
  )
}
