import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createAppContext } from '@main/app-context'
import { createMemorySettings, defaultSettings } from '@core/app-settings'
import { startPreviewServer, type PreviewServer } from '@preview/preview-server'
import { makeTempDir } from '../../helpers/tmp'

let server: PreviewServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function start() {
  const dir = await makeTempDir()
  const renderer = join(dir, 'renderer')
  await mkdir(renderer)
  await writeFile(join(renderer, 'index.html'), '<html><head><script type="module" src="./app.js"></script></head></html>')
  await writeFile(join(dir, 'bridge.js'), '/* bridge */')
  const ctx = createAppContext({
    settings: createMemorySettings({ ...defaultSettings(dir, {}), dataDir: join(dir, 'data'), talosctlPath: '/none' }),
    shell: { kind: 'browser', version: 't', openExternal: async () => {} }
  })
  server = await startPreviewServer({ ctx, rendererDir: renderer, bridgeFile: join(dir, 'bridge.js') })
  return { server, ctx, dir }
}

function connect(s: PreviewServer, opts: { token?: string; origin?: string } = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${s.port}/__wild/ws?token=${opts.token ?? s.token}`, {
      headers: { origin: opts.origin ?? `http://127.0.0.1:${s.port}` }
    })
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
  })
}

function call(ws: WebSocket, id: number, channel: string, input: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(String(data))
      if (msg.id === id) {
        ws.off('message', onMessage)
        resolve(msg.result)
      }
    }
    ws.on('message', onMessage)
    ws.send(JSON.stringify({ id, channel, input }))
  })
}

describe('preview server', () => {
  it('listens on 127.0.0.1 only and prints a URL with a token', async () => {
    const { server } = await start()
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/)
  })

  it('injects the bridge before the app script', async () => {
    const { server } = await start()
    const html = await (await fetch(`http://127.0.0.1:${server.port}/`)).text()
    expect(html.indexOf('/__wild/bridge.js')).toBeGreaterThan(-1)
    expect(html.indexOf('/__wild/bridge.js')).toBeLessThan(html.indexOf('./app.js'))
  })

  it("widens the page's connect-src by its own socket's origin only (the packaged CSP has no ws: at all)", async () => {
    const { server, dir } = await start()
    await writeFile(
      join(dir, 'renderer', 'index.html'),
      `<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; connect-src 'self'; object-src 'none'" /><script type="module" src="./app.js"></script></head></html>`
    )
    const html = await (await fetch(`http://127.0.0.1:${server.port}/`)).text()
    expect(html).toContain(`connect-src 'self' ws://127.0.0.1:${server.port};`)
    expect(html).not.toMatch(/ws:\/\/127\.0\.0\.1:\*/)
  })

  it('refuses a socket with a wrong token or a foreign origin', async () => {
    const { server } = await start()
    await expect(connect(server, { token: 'wrong' })).rejects.toThrow(/403/)
    await expect(connect(server, { origin: 'http://evil.example' })).rejects.toThrow(/403/)
  })

  it('runs contract commands through the same dispatch and pushes events after ready', async () => {
    const { server } = await start()
    const ws = await connect(server)
    const events: unknown[] = []
    ws.on('message', (d) => {
      const m = JSON.parse(String(d))
      if (m.event) events.push(m.event)
    })
    expect(await call(ws, 1, 'wild:cmd:instances.create', { name: 'demo' })).toMatchObject({ ok: true, value: { name: 'demo' } })
    expect(await call(ws, 2, 'wild:cmd:instances.create', { name: 'Bad!' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(events).toEqual([])
    ws.send(JSON.stringify({ ready: true }))
    await new Promise((r) => setTimeout(r, 100))
    expect(events).toContainEqual({ name: 'instances.changed', payload: { current: 'demo' } })
    ws.close()
  })

  it('does not serve files outside the renderer folder', async () => {
    const { server } = await start()
    const res = await fetch(`http://127.0.0.1:${server.port}/..%2f..%2fetc%2fpasswd`)
    expect([403, 404]).toContain(res.status)
  })
})
