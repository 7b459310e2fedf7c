import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream, promises as fs } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, normalize, resolve, sep } from 'node:path'
import { contentTypeFor } from '../main/content-type'
import { WebSocketServer, type WebSocket } from 'ws'
import type { AppContext } from '../main/app-context'
import { createHandlers } from '../main/handlers'
import { commandFromChannel, dispatch } from '../main/ipc/dispatch'
import { EventGate } from '../main/ipc/event-gate'
import { CHANNEL_PREFIX } from '../shared/ipc'

const BRIDGE_PATH = '/__wild/bridge.js'
const WS_PATH = '/__wild/ws'

export interface PreviewServer {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * The renderer served from 127.0.0.1 with the real core behind the same contract, over a
 * WebSocket guarded by a random token and an Origin check. A development and review tool:
 * never part of the packaged app.
 */
export async function startPreviewServer(opts: {
  ctx: AppContext
  rendererDir: string
  bridgeFile: string
  port?: number
  token?: string
}): Promise<PreviewServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url')
  const handlers = createHandlers(opts.ctx)
  const root = resolve(opts.rendererDir)
  let origin = ''

  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname)
    if (path === BRIDGE_PATH) {
      res.writeHead(200, { 'content-type': contentTypeFor('bridge.js'), 'cache-control': 'no-store' })
      createReadStream(opts.bridgeFile).pipe(res)
      return
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : path))
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end()
      return
    }
    try {
      if (file.endsWith('index.html')) {
        // The bridge must define window.wild before the app's module script runs, and talks
        // over this server's own socket: the shipped CSP allows no ws: source, so name just it.
        const html = (await fs.readFile(file, 'utf8'))
          .replace('<script', `<script src="${BRIDGE_PATH}"></script>\n    <script`)
          .replace("connect-src 'self'", `connect-src 'self' ${origin.replace(/^http:/, 'ws:')}`)
        res.writeHead(200, { 'content-type': contentTypeFor('index.html'), 'cache-control': 'no-store' })
        res.end(html)
        return
      }
      const st = await fs.stat(file)
      if (!st.isFile()) throw new Error('not a file')
      res.writeHead(200, { 'content-type': contentTypeFor(file) })
      createReadStream(file).pipe(res)
    } catch {
      res.writeHead(404).end('not found')
    }
  })

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 })
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const given = url.searchParams.get('token') ?? ''
    const ok = url.pathname === WS_PATH && sameSecret(given, token) && req.headers.origin === origin
    if (!ok) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      socket.destroy()
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveConnection(ws))
  })

  function serveConnection(ws: WebSocket): void {
    const controllers = new Set<AbortController>()
    const gate = new EventGate((event) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event }))
    })
    const off = opts.ctx.events.onAny((name, payload) => gate.push({ name, payload }))
    ws.on('message', async (data) => {
      let msg: { id?: unknown; channel?: unknown; input?: unknown; ready?: unknown }
      try {
        msg = JSON.parse(String(data))
      } catch {
        return
      }
      if (msg.ready === true) return gate.open()
      if (typeof msg.id !== 'number' || typeof msg.channel !== 'string') return
      const controller = new AbortController()
      controllers.add(controller)
      const result = await dispatch(handlers, commandFromChannel(msg.channel, CHANNEL_PREFIX), msg.input, controller.signal)
      controllers.delete(controller)
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: msg.id, result }))
    })
    ws.on('close', () => {
      off()
      for (const c of controllers) c.abort()
    })
  }

  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`
  return {
    url: `${origin}/?token=${token}`,
    port,
    token,
    close: async () => {
      for (const c of wss.clients) c.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    }
  }
}
