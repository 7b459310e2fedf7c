import { useCommandMutation, useCommandQuery } from '../../api/hooks'

/** Polled as well as refreshed by pxe.boot events: a server started from a terminal sends no events here. */
export function usePxeStatus(instance: string) {
  return useCommandQuery('pxe.status', { instance }, { refetchInterval: 2000 })
}

export function usePxeInterfaces(instance: string) {
  return useCommandQuery('pxe.interfaces', { instance })
}

/** Polled while not ready, so a download started here shows up when it finishes. */
export function usePxeAssets(instance: string) {
  return useCommandQuery('pxe.assets', { instance }, { refetchInterval: (q) => (q.state.data?.ready ? false : 3000) })
}

export function useStartPxe() {
  return useCommandMutation('pxe.start', { invalidates: ['pxe.status'] })
}

export function useStopPxe() {
  return useCommandMutation('pxe.stop', { invalidates: ['pxe.status'] })
}

export function useZeroTouch(instance: string) {
  return useCommandQuery('pxe.zeroTouch.get', { instance })
}

export function useSetZeroTouch() {
  return useCommandMutation('pxe.zeroTouch.set', { invalidates: ['pxe.zeroTouch.get', 'pxe.status'] })
}
