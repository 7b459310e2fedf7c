import type { Operation } from '@shared/contract/operations'
import { useCommandMutation, useCommandQuery } from '../../api/hooks'
import { isActive } from './model'

/** Kept fresh by operation.updated events (written into the cache, not refetched). */
export function useOperations(instance: string | null) {
  return useCommandQuery('operations.list', { instance: instance ?? '' }, { enabled: Boolean(instance), staleTime: 30_000 })
}

/** Damaged op files: not pushed by events, so fetched with the list and after a cleanup. */
export function useUnreadableOperations(instance: string | null) {
  return useCommandQuery('operations.unreadable', { instance: instance ?? '' }, { enabled: Boolean(instance), staleTime: 30_000 })
}

export function useActiveOperations(instance: string | null): Operation[] {
  return (useOperations(instance).data ?? []).filter(isActive)
}

export function useCancelOperation() {
  return useCommandMutation('operations.cancel')
}
