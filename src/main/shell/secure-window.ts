import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron'

/** The one place window preferences are decided; a unit test pins every flag. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    disableBlinkFeatures: 'Auxclick'
  }
}

export function mainWindowOptions(preloadPath: string, backgroundColor: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Wild Central',
    // Painted before the first frame so a dark theme never flashes white.
    backgroundColor,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath)
  }
}

/** The renderer's CSP: only our own scripts, no eval, no remote anything. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'"
].join('; ')

/**
 * Headers for every app:// response. The CSP rides on the response itself because Electron
 * runs no webRequest header hooks for custom schemes: onHeadersReceived never sees app://.
 */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff'
  }
}

export interface SenderLike {
  senderFrame: { url: string; parent: unknown } | null
  sender: { id: number }
}

/** IPC is answered only for our own window's top frame, loaded from our own origin. */
export function isTrustedSender(event: SenderLike, windowContentsId: number | null, allowedOrigins: readonly string[]): boolean {
  const frame = event.senderFrame
  if (!frame || frame.parent) return false
  if (windowContentsId === null || event.sender.id !== windowContentsId) return false
  return isAllowedOrigin(frame.url, allowedOrigins)
}

export function isAllowedOrigin(url: string, allowedOrigins: readonly string[]): boolean {
  try {
    const u = new URL(url)
    if (u.protocol === 'file:') return allowedOrigins.includes('file://')
    // Node's URL gives custom schemes an origin of "null": compare scheme and host instead.
    return allowedOrigins.includes(u.origin) || allowedOrigins.includes(`${u.protocol}//${u.host}`)
  } catch {
    return false
  }
}
