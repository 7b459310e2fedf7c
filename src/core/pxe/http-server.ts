import { createReadStream, promises as fs } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { pipeline } from 'node:stream/promises'
import { MacAddress } from '../../shared/schemas/fields'
import { listenTcp } from './ports'
import { parseRange } from './range'
import type { BootStage } from './schemas'

export interface HttpRoutes {
  /** The iPXE script for a machine; `mac` is validated, `arch` may be anything the client sent. */
  script(q: { mac: string | null; arch: string | null; ip: string }): Promise<string>
  /** A file this server may hand out under /assets/<arch>/<name> or /ipxe/<name>, else null. */
  file(area: 'assets' | 'ipxe', first: string, second: string | null): { path: string; stage: BootStage } | null
  /** /config/<token> (zero-touch): the node's machine config, once; null answers 404. */
  config?(token: string, ip: string): Promise<Buffer | null>
  reached(by: { ip: string }, stage: BootStage): void
  log(line: string): void
}

/**
 * The boot HTTP server: the per-machine script, then kernel and initramfs streamed from disk
 * with Range support (many machines booting at once share nothing but the page cache).
 */
export async function startHttpServer(host: string, port: number, routes: HttpRoutes): Promise<{ port: number; close(): Promise<void> }> {
  const { createServer } = await import('node:http')
  const server = createServer((req, res) => {
    handle(req, res).catch((e: Error) => {
      routes.log(`HTTP ${req.url} from ${req.socket.remoteAddress}: ${e.message}`)
      if (!res.headersSent) send(res, 500, 'internal error\n')
      else res.destroy()
    })
  })
  // Slow or stuck clients must not pin sockets forever.
  server.requestTimeout = 60_000
  server.headersTimeout = 30_000

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' })
    const url = new URL(req.url ?? '/', 'http://boot.invalid')
    const ip = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '')
    const parts = url.pathname.split('/').filter(Boolean)
    if (url.pathname === '/boot.ipxe') {
      const mac = MacAddress.safeParse(url.searchParams.get('mac') ?? '')
      const script = await routes.script({ mac: mac.success ? mac.data : null, arch: url.searchParams.get('arch'), ip })
      // Node drops the body of a HEAD response itself, keeping its Content-Length.
      return send(res, 200, script, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
    }
    if (parts[0] === 'config' && parts.length === 2 && routes.config) {
      // HEAD would spend the one-time token without delivering the config.
      if (req.method !== 'GET') return send(res, 405, 'method not allowed\n', { Allow: 'GET' })
      const body = await routes.config(parts[1]!, ip)
      if (!body) return send(res, 404, 'not found\n')
      res.writeHead(200, { 'Content-Type': 'application/yaml', 'Content-Length': String(body.length), 'Cache-Control': 'no-store' })
      return void res.end(body)
    }
    const area = parts[0]
    const file = (area === 'assets' && parts.length === 3) || (area === 'ipxe' && parts.length === 2) ? routes.file(area, parts[1]!, parts[2] ?? null) : null
    if (!file) return send(res, 404, 'not found\n')
    const size = (await fs.stat(file.path)).size
    const range = parseRange(req.headers.range, size)
    if (range === 'unsatisfiable') return send(res, 416, '', { 'Content-Range': `bytes */${size}` })
    const start = range?.start ?? 0
    const end = range?.end ?? size - 1
    res.writeHead(range ? 206 : 200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(Math.max(0, end - start + 1)),
      'Accept-Ranges': 'bytes',
      ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {})
    })
    if (req.method === 'HEAD' || size === 0) return void res.end()
    // The first byte asked for is the moment the machine reached this stage.
    if (start === 0) routes.reached({ ip }, file.stage)
    await pipeline(createReadStream(file.path, { start, end, highWaterMark: 256 * 1024 }), res)
  }

  await listenTcp(server, host, port, 'HTTP')
  const addr = server.address()
  return {
    port: typeof addr === 'object' && addr ? addr.port : port,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r())
        server.closeAllConnections()
      })
  }
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)), ...headers })
  res.end(body)
}
