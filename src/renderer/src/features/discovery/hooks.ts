import type { DiscoveryStatus } from '@shared/contract/discovery'
import { useCommandMutation, useCommandQuery } from '../../api/hooks'

export function useDiscoveryStatus(instance: string) {
  return useCommandQuery('discovery.status', { instance }, { staleTime: 60_000 })
}

/** Ranges this computer is on; computed locally, nothing is probed. */
export function useSuggestions() {
  return useCommandQuery('discovery.suggest', {}, { staleTime: 60_000 })
}

export function useStartDiscovery() {
  return useCommandMutation('discovery.start', { invalidates: ['discovery.status', 'operations.list'] })
}

export function useClearDiscovery() {
  return useCommandMutation('discovery.clear', { invalidates: ['discovery.status'] })
}

/**
 * Whether a scan that ended with an error was stopped by the operator: its operation says
 * `cancelled` (kept fresh by operation.updated events). Asked only when a scan ended with an error.
 */
export function useScanStopped(instance: string, status: DiscoveryStatus | undefined): boolean {
  const id = status && !status.active && status.error ? status.operationId : null
  const op = useCommandQuery('operations.get', { instance, id: id ?? 'op_none' }, { enabled: id !== null, retry: false })
  return id !== null && op.data?.status === 'cancelled'
}
