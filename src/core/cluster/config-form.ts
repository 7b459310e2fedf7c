/**
 * Which form a node's network settings take in its machine config. The config is read twice:
 * by the Talos that receives it in maintenance mode (the version booted from the ISO or network)
 * and by the version installed after the reboot. Talos 1.12 moved hostname, links, VIPs and
 * resolvers into documents of their own (HostnameConfig, LinkConfig, LinkAliasConfig,
 * Layer2VIPConfig, ResolverConfig); a 1.11 machine rejects a document kind it does not know,
 * while 1.12 and later still read the deprecated v1alpha1 `machine.network` fields.
 */

export type NetworkForm = 'documents' | 'v1alpha1'

/** The first release that knows the network documents. */
export const DOCUMENTS_SINCE = { major: 1, minor: 12 } as const

/** Major and minor of a tag like v1.12.0 or 1.13.0-beta.1; null when it is not one. */
export function minorVersion(tag: string | null | undefined): { major: number; minor: number } | null {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(tag?.trim() ?? '')
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : null
}

/** True when `tag` is a release that knows the v1.12 network documents. */
export function knowsDocuments(tag: string | null | undefined): boolean {
  const v = minorVersion(tag)
  if (!v) return false
  return v.major > DOCUMENTS_SINCE.major || (v.major === DOCUMENTS_SINCE.major && v.minor >= DOCUMENTS_SINCE.minor)
}

/**
 * Documents only when both readers know them. An unknown receiving version (a machine too old to
 * report one, or one not reached yet) gets the v1alpha1 fields: every version reads those.
 */
export function networkForm(receiving: string | null, installed: string): NetworkForm {
  return knowsDocuments(receiving) && knowsDocuments(installed) ? 'documents' : 'v1alpha1'
}
