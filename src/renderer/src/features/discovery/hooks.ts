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
