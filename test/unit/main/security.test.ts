import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, isTrustedSender, mainWindowOptions, secureWebPreferences } from '@main/shell/secure-window'
import { isAllowedExternalUrl } from '@main/security/url-guard'

describe('window preferences', () => {
  it('pins every security flag', () => {
    expect(secureWebPreferences('/app/preload.js')).toEqual({
      preload: '/app/preload.js',
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
    })
  })

  it('is usable at 1024×700 and paints a background before the first frame', () => {
    const o = mainWindowOptions('/p.js', '#0f1115')
    expect([o.minWidth, o.minHeight]).toEqual([1024, 700])
    expect(o.backgroundColor).toBe('#0f1115')
    expect(o.show).toBe(false)
  })
})

describe('content security policy', () => {
  it('allows only our own scripts and never eval', () => {
    const scriptSrc = CONTENT_SECURITY_POLICY.split(';').find((d) => d.trim().startsWith('script-src'))!
    expect(scriptSrc.trim()).toBe("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/)
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/)
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/)
  })
})

describe('IPC sender check', () => {
  const ours = { sender: { id: 7 }, senderFrame: { url: 'file:///app/out/renderer/index.html', parent: null } }
  it.each([
    ['our top frame', ours, true],
    ['no frame', { ...ours, senderFrame: null }, false],
    ['a subframe', { ...ours, senderFrame: { url: 'file:///x', parent: {} } }, false],
    ['another webContents', { ...ours, sender: { id: 8 } }, false],
    ['a remote origin', { ...ours, senderFrame: { url: 'https://evil.example/', parent: null } }, false],
    ['a garbage url', { ...ours, senderFrame: { url: '::', parent: null } }, false]
  ])('%s → %s', (_label, event, trusted) => {
    expect(isTrustedSender(event, 7, ['file://'])).toBe(trusted)
  })

  it('accepts the dev server origin only when it is the allowed one', () => {
    const dev = { sender: { id: 1 }, senderFrame: { url: 'http://localhost:5173/index.html', parent: null } }
    expect(isTrustedSender(dev, 1, ['http://localhost:5173'])).toBe(true)
    expect(isTrustedSender(dev, 1, ['file://'])).toBe(false)
  })

  it('refuses everything when there is no window', () => {
    expect(isTrustedSender(ours, null, ['file://'])).toBe(false)
  })
})

describe('external links', () => {
  it.each([
    ['https://www.talos.dev/v1.11/introduction/getting-started/', true],
    ['https://github.com/siderolabs/talos/releases', true],
    ['http://www.talos.dev/', false],
    ['https://evil.example/', false],
    ['https://www.talos.dev.evil.example/', false],
    ['https://user:pw@github.com/', false],
    ['https://github.com:8443/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://server/share', false],
    ['ms-settings:network', false],
    ['wild://internal', false],
    ['not a url', false]
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed)
  })
})
