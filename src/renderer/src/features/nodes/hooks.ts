import { useCommandMutation, useCommandQuery } from '../../api/hooks'

export function useNodes(instance: string) {
  return useCommandQuery('nodes.list', { instance })
}

/** Reading hardware talks to the machine, so it runs when asked (enabled) and is kept a while. */
export function useHardware(instance: string, ip: string | null, enabled: boolean) {
  return useCommandQuery('hardware.detect', { instance, ip: ip ?? '' }, { enabled: enabled && Boolean(ip), staleTime: 5 * 60_000 })
}

export function usePatchPreview(instance: string, hostname: string, enabled = true) {
  return useCommandQuery('nodes.patch.preview', { instance, hostname }, { enabled })
}

export function useSetupNode() {
  return useCommandMutation('nodes.setup', { invalidates: ['operations.list'] })
}

export function useDeleteNode() {
  return useCommandMutation('nodes.delete', { invalidates: ['nodes.list', 'instances.list'] })
}
