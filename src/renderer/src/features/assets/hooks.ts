import { useCommandMutation, useCommandQuery } from '../../api/hooks'

export function useAssets(instance: string, version?: string) {
  return useCommandQuery('assets.list', version ? { instance, version } : { instance })
}

export function useDownloadAssets() {
  return useCommandMutation('assets.download', { invalidates: ['operations.list'] })
}

export function useVerifyAssets() {
  return useCommandMutation('assets.verify', { invalidates: ['assets.list'] })
}

export function useDeleteAssets() {
  return useCommandMutation('assets.delete', { invalidates: ['assets.list'] })
}

export function useExtensions(version: string | null) {
  return useCommandQuery('assets.extensions', { version: version ?? '' }, { enabled: Boolean(version), staleTime: 60 * 60_000 })
}

/** Each file of a running download; kept fresh by the assets.fileProgress event. */
export function useDownloadFiles(instance: string, operationId: string | undefined) {
  return useCommandQuery('assets.downloadFiles', { instance, operationId: operationId ?? '' }, { enabled: Boolean(operationId) })
}

export function useCancelFile() {
  return useCommandMutation('assets.cancelFile')
}
