import { join, normalize, resolve, sep } from 'node:path'
import { contentTypeFor } from '../content-type'

/**
 * The renderer is served from app://wild/ rather than file://: the packaged app turns off the
 * file protocol's extra privileges (a fuse), under which module scripts from file:// fail, and a
 * custom scheme gives the page a real origin that the sender check and CSP can name.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'wild'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`

/** Maps an app:// URL to a file inside the renderer folder, or null for anything outside it. */
export function resolveAppUrl(url: string, rendererDir: string): { file: string; type: string } | null {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return null
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null
  let path: string
  try {
    path = decodeURIComponent(u.pathname)
  } catch {
    return null
  }
  if (path.includes('\0')) return null
  const root = resolve(rendererDir)
  const file = normalize(join(root, path === '/' ? 'index.html' : path))
  if (!file.startsWith(root + sep)) return null
  return { file, type: contentTypeFor(file) }
}
