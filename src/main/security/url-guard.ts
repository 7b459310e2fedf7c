import { EXTERNAL_LINK_HOSTS } from '../../shared/contract/app'

/** Only https links to a known host leave the app; file:, javascript:, custom schemes never do. */
export function isAllowedExternalUrl(raw: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.protocol !== 'https:') return false
  if (url.username || url.password) return false
  if (url.port && url.port !== '443') return false
  return hosts.includes(url.hostname.toLowerCase())
}
