import type { InstanceSummary } from '@shared/contract/instances'
import { useCommandQuery } from '../api/hooks'

export function useInstances() {
  return useCommandQuery('instances.list', {})
}

/** The current instance from the list (null when there is none or none is chosen). */
export function useCurrentInstance(): {
  instance: InstanceSummary | null
  instances: InstanceSummary[]
  isLoading: boolean
  error: unknown
  refetch: () => void
} {
  const q = useInstances()
  const instances = q.data ?? []
  return {
    instance: instances.find((i) => i.current) ?? null,
    instances,
    isLoading: q.isLoading,
    error: q.error,
    refetch: () => void q.refetch()
  }
}
