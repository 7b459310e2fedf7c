import { useCommandQuery } from '../../api/hooks'

/** The merged list is read from disk only (no talosctl), so polling it while open is cheap. */
export const MACHINES_POLL_MS = 3000

export function useMachines(instance: string) {
  return useCommandQuery('machines.list', { instance }, { refetchInterval: MACHINES_POLL_MS, retry: false })
}
