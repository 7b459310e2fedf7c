import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import Module from 'node:module'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { commandNames } from '@shared/contract'
import { CHANNEL_PREFIX, READY_CHANNEL } from '@shared/ipc'
import { makeTempDir } from '../../helpers/tmp'

const MAIN = resolve('out/main/index.js')
const PRELOAD = resolve('out/preload/index.js')
const requireHere = createRequire(import.meta.url)

interface StubRecord {
  appUserModelId?: string
  menu?: { template: { role?: string; label?: string; submenu?: { role?: string }[] }[] }
  windows: {
    options: { webPreferences: Record<string, unknown> }
    webContents: { windowOpenHandler: (d: { url: string }) => unknown; emit: (e: string, ...a: unknown[]) => void; id: number }
    loaded: unknown
  }[]
  handles: Map<string, (event: unknown, input: unknown) => Promise<unknown>>
  on: Map<string, unknown>
  sessionHandlers: Record<string, (...a: unknown[]) => unknown>
  schemes: { scheme: string; privileges: Record<string, boolean> }[]
  protocolHandlers: Record<string, (request: { url: string }) => Promise<Response>>
  singleInstanceLock?: boolean
  opened?: string[]
  dialogs: { kind: 'open' | 'message'; parent: unknown; options: Record<string, unknown> & { buttons?: string[]; detail?: string; message?: string } }[]
  dialogAnswer: ((kind: 'open' | 'message', options: { buttons?: string[] }) => unknown) | null
}

let record: StubRecord

function newest(dir: string): number {
  let t = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return t
}

beforeAll(async () => {
  // The test is about what ships: rebuild when any source is newer than the bundle.
  if (!existsSync(MAIN) || statSync(MAIN).mtimeMs < newest('src')) {
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
  }
  const stubPath = resolve('test/helpers/electron-stub.cjs')
  const stub = requireHere(stubPath)
  process.env.WILD_STUB_USERDATA = await makeTempDir()
  process.env.WILD_CENTRAL_DATA = join(process.env.WILD_STUB_USERDATA, 'data')
  // Route every require('electron') from the bundle to the stub; never the real package.
  const originalLoad = (Module as unknown as { _load: (...a: unknown[]) => unknown })._load
  ;(Module as unknown as { _load: (...a: unknown[]) => unknown })._load = function (request: unknown, ...rest: unknown[]) {
    if (request === 'electron') return stub
    return originalLoad.call(this, request, ...rest)
  }
  requireHere(MAIN)
  stub.__ready()
  await new Promise((r) => setTimeout(r, 200))
  record = stub.__record
}, 120_000)

describe('built main bundle under a stub electron', () => {
  it('takes the single-instance lock', () => {
    expect(record.singleInstanceLock).toBe(true)
  })

  it('sets its AppUserModelId and an explicit menu without Reload or DevTools when packaged', () => {
    expect(record.appUserModelId).toBe('dev.wildcloud.central')
    const roles = record.menu!.template.flatMap((m) => [m.role, ...(m.submenu ?? []).map((i) => i.role)])
    expect(roles).toContain('quit')
    expect(roles).not.toContain('reload')
    expect(roles).not.toContain('toggleDevTools')
  })

  it('registers a handler for every contract command and nothing else', () => {
    const expected = commandNames.map((n) => CHANNEL_PREFIX + n).sort()
    expect([...record.handles.keys()].sort()).toEqual(expected)
    expect([...record.on.keys()]).toContain(READY_CHANNEL)
  })

  it('creates one window with the secure preferences and the bundled preload', () => {
    expect(record.windows).toHaveLength(1)
    const prefs = record.windows[0]!.options.webPreferences
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false
    })
    expect(prefs.preload).toBe(PRELOAD)
    expect(record.windows[0]!.loaded).toEqual({ url: 'app://wild/index.html' })
  })

  it('denies window.open and opens only allowlisted https links outside', () => {
    const wc = record.windows[0]!.webContents
    expect(wc.windowOpenHandler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(wc.windowOpenHandler({ url: 'https://www.talos.dev/' })).toEqual({ action: 'deny' })
    expect(record.opened).toEqual(['https://www.talos.dev/'])
  })

  it('prevents navigation away from the app', () => {
    const wc = record.windows[0]!.webContents
    let prevented = false
    wc.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://evil.example/')
    expect(prevented).toBe(true)
  })

  it('denies every permission request', () => {
    let granted: boolean | undefined
    record.sessionHandlers.permissionRequest!({}, 'media', (g: boolean) => (granted = g))
    expect(granted).toBe(false)
    expect(record.sessionHandlers.permissionCheck!()).toBe(false)
  })

  it('sets the strict CSP header and blocks remote requests', () => {
    let headers: Record<string, string[]> = {}
    record.sessionHandlers.headers!({ responseHeaders: {} }, (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders))
    expect(headers['Content-Security-Policy']![0]).toMatch(/script-src 'self'/)
    let cancel: boolean | undefined
    record.sessionHandlers.beforeRequest!({ url: 'https://cdn.example/x.js' }, (r: { cancel: boolean }) => (cancel = r.cancel))
    expect(cancel).toBe(true)
    record.sessionHandlers.beforeRequest!({ url: 'app://wild/assets/index.js' }, (r: { cancel: boolean }) => (cancel = r.cancel))
    expect(cancel).toBe(false)
    record.sessionHandlers.beforeRequest!({ url: 'file:///etc/passwd' }, (r: { cancel: boolean }) => (cancel = r.cancel))
    expect(cancel).toBe(true)
  })

  it('answers a trusted call and refuses a foreign frame', async () => {
    const wc = record.windows[0]!.webContents
    const handler = record.handles.get(CHANNEL_PREFIX + 'instances.list')!
    const trusted = { sender: { id: wc.id }, senderFrame: { url: 'app://wild/index.html', parent: null } }
    expect(await handler(trusted, {})).toEqual({ ok: true, value: [] })
    const foreign = { sender: { id: wc.id }, senderFrame: { url: 'https://evil.example/', parent: null } }
    expect(await handler(foreign, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('serves the renderer from app://wild as a secure standard scheme, and nothing outside it', async () => {
    expect(record.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }])
    const serve = record.protocolHandlers.app!
    const index = await serve({ url: 'app://wild/index.html' })
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toMatch(/text\/html/)
    expect(await index.text()).toContain('Content-Security-Policy')
    expect((await serve({ url: 'app://wild/..%2f..%2fmain%2findex.js' })).status).toBe(404)
    expect((await serve({ url: 'app://evil/index.html' })).status).toBe(404)
  })

  it('ships a preload that is one CommonJS file requiring only electron', () => {
    const text = readFileSync(PRELOAD, 'utf8')
    const requires = [...text.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])
    expect(new Set(requires)).toEqual(new Set(['electron']))
    expect(text).not.toMatch(/^\s*import\s/m)
  })

  it('ships a renderer whose CSP forbids eval and remote scripts', () => {
    const html = readFileSync(resolve('out/renderer/index.html'), 'utf8')
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? ''
    expect(csp).toMatch(/script-src 'self'/)
    expect(csp).not.toMatch(/unsafe-eval/)
    // The browser preview's WebSocket is not the packaged app's business.
    expect(csp).not.toMatch(/ws:/)
    expect(html).not.toMatch(/<script[^>]+src="https?:/)
  })

  it('puts the CSP header on the app:// responses themselves (webRequest header hooks skip custom schemes)', async () => {
    const serve = record.protocolHandlers.app!
    const script = readdirSync(resolve('out/renderer/assets')).find((f) => f.endsWith('.js'))!
    for (const url of ['app://wild/index.html', `app://wild/assets/${script}`]) {
      const res = await serve({ url })
      expect(res.status).toBe(200)
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp).toMatch(/script-src 'self'/)
      expect(csp).toMatch(/connect-src 'self'(;|$)/)
      expect(csp).not.toMatch(/ws:|127\.0\.0\.1|unsafe-eval/)
    }
  })

  it('never takes talosctl from the page: only a native dialog, answered by the operator, changes it', async () => {
    const wc = record.windows[0]!.webContents
    const trusted = { sender: { id: wc.id }, senderFrame: { url: 'app://wild/index.html', parent: null } }
    const call = (name: string, input: unknown) => record.handles.get(CHANNEL_PREFIX + name)!(trusted, input)
    const talosctlPath = async () => ((await call('settings.get', {})) as { value: { talosctlPath: string } }).value.talosctlPath
    const before = await talosctlPath()

    expect(await call('settings.set', { talosctlPath: '/tmp/evil' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(record.dialogs).toEqual([])

    record.dialogAnswer = (_kind, o) => ({ response: o.buttons!.indexOf('Cancel'), checkboxChecked: false })
    expect(await call('settings.chooseTalosctl', { suggested: '/opt/wild/talosctl' })).toMatchObject({ ok: true, value: { changed: false } })
    const asked = record.dialogs.at(-1)!
    expect(asked.kind).toBe('message')
    expect(asked.parent).toBe(record.windows[0])
    expect(`${asked.options.message}\n${asked.options.detail}`).toContain('/opt/wild/talosctl')
    expect(await talosctlPath()).toBe(before)

    record.dialogAnswer = (_kind, o) => ({ response: o.buttons!.indexOf('Use this program'), checkboxChecked: false })
    expect(await call('settings.chooseTalosctl', { suggested: '/opt/wild/talosctl' })).toMatchObject({ ok: true, value: { changed: true } })
    expect(await talosctlPath()).toBe('/opt/wild/talosctl')

    record.dialogAnswer = () => ({ canceled: false, filePaths: ['/opt/picked/talosctl'] })
    expect(await call('settings.chooseTalosctl', {})).toMatchObject({ ok: true, value: { changed: true } })
    expect(record.dialogs.at(-1)).toMatchObject({ kind: 'open', parent: record.windows[0], options: { properties: expect.arrayContaining(['openFile']) } })
    expect(await talosctlPath()).toBe('/opt/picked/talosctl')
  })
})
