import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { parse as parseYaml } from 'yaml'

export const VANILLA_ID = '376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba'
export const CMDLINE_AMD64 =
  'talos.platform=metal console=tty0 init_on_alloc=1 slab_nomerge pti=on consoleblank=0 nvme_core.io_timeout=4294967295 printk.devkmsg=on selinux=1\n'

/** What the next image GET does instead of (or on the way to) a clean answer. */
export type Fault =
  | { kind: 'status'; status: number }
  /** Headers and N body bytes, then the socket is destroyed. */
  | { kind: 'cut'; afterBytes: number }
  /** N body bytes, then silence with the connection held open. */
  | { kind: 'stall'; afterBytes: number }
  /** The whole file with 200, whatever Range said. */
  | { kind: 'ignoreRange' }
  /** Trickles `chunk` bytes every `everyMs`. */
  | { kind: 'slow'; chunk: number; everyMs: number }
  /** 302 to the same file under /cdn/. */
  | { kind: 'redirect' }

export interface FakeFactoryOptions {
  versions?: string[]
  /** Body size per factory file name (kernel-amd64, initramfs-amd64.xz, metal-amd64.iso). */
  sizes?: Record<string, number>
  /** Leave Content-Length off HEAD answers. */
  headWithoutLength?: boolean
  /** Bytes per second per response, so a demo download shows its progress. */
  paceBytesPerSecond?: number
  /** Don't keep the process alive for this server (the CLI's demo exits when its work is done). */
  unref?: boolean
}

export interface RequestRecord {
  method: string
  path: string
  range: string | null
}

const DEFAULT_SIZES: Record<string, number> = {
  'kernel-amd64': 300_000,
  'initramfs-amd64.xz': 700_000,
  'metal-amd64.iso': 1_200_000,
  'kernel-arm64': 250_000,
  'initramfs-arm64.xz': 600_000,
  'metal-arm64.iso': 1_000_000
}

/** A few entries of the factory's official overlay list (GET /version/<v>/overlays/official). */
export const LAB_OVERLAYS = [
  { name: 'rpi_generic', image: 'siderolabs/sbc-raspberrypi', ref: 'ghcr.io/siderolabs/sbc-raspberrypi:v0.1.5', digest: 'sha256:1a' },
  { name: 'rpi_5', image: 'siderolabs/sbc-raspberrypi', ref: 'ghcr.io/siderolabs/sbc-raspberrypi:v0.1.5', digest: 'sha256:1b' },
  { name: 'rock5b', image: 'siderolabs/sbc-rockchip', ref: 'ghcr.io/siderolabs/sbc-rockchip:v0.1.6', digest: 'sha256:2a' },
  { name: 'rock4cplus', image: 'siderolabs/sbc-rockchip', ref: 'ghcr.io/siderolabs/sbc-rockchip:v0.1.6', digest: 'sha256:2b' },
  { name: 'jetson_nano', image: 'siderolabs/sbc-jetson', ref: 'ghcr.io/siderolabs/sbc-jetson:v0.1.1', digest: 'sha256:3a' }
]

/** Why the factory would not take this overlay (null: it would). The wording is the lab's own. */
function overlayRefusal(o: { image?: unknown; name?: unknown }): string | null {
  if (typeof o.image !== 'string' || typeof o.name !== 'string') return 'overlay image and name are required'
  const byImage = LAB_OVERLAYS.filter((x) => x.image === o.image)
  if (!byImage.length) return `overlay image ${JSON.stringify(o.image)} is not an official overlay`
  if (!byImage.some((x) => x.name === o.name)) return `overlay ${JSON.stringify(o.name)} not found in ${o.image}`
  return null
}

const BLOCK = 1 << 16

/** A 64 KiB pseudo-random block per seed; byte i of the file is block[i % 64Ki] ^ (i >> 16). */
function baseBlock(seed: string): Buffer {
  const out = Buffer.alloc(BLOCK)
  for (let i = 0; i * 32 < BLOCK; i++)
    createHash('sha256')
      .update(`${seed}:${i}`)
      .digest()
      .copy(out, i * 32)
  return out
}

function slice(base: Buffer, start: number, end: number): Buffer {
  const out = Buffer.alloc(end - start)
  for (let i = start; i < end; i++) out[i - start] = base[i & (BLOCK - 1)]! ^ ((i >>> 16) & 0xff)
  return out
}

/**
 * A small Image Factory on 127.0.0.1 (tests, and the demo lab's boot assets): schematics, the extension list, HEAD and GET of images
 * with Range, deterministic bytes, and fault modes queued per request. It counts connections
 * so a test can see that a cancel left no socket open.
 */
export async function startFakeFactory(options: FakeFactoryOptions = {}) {
  const versions = options.versions ?? ['v1.11.5']
  const sizes = { ...DEFAULT_SIZES, ...options.sizes }
  const blocks = new Map<string, Buffer>()
  const requests: RequestRecord[] = []
  const schematicBodies: string[] = []
  const overlaySchematics = new Set<string>()
  const faults: Fault[] = []
  let alwaysFault: Fault | null = null
  const sockets = new Set<Socket>()
  let totalConnections = 0

  const block = (seed: string) => {
    let b = blocks.get(seed)
    if (!b) blocks.set(seed, (b = baseBlock(seed)))
    return b
  }

  function content(id: string, version: string, file: string): { size: number; at: (s: number, e: number) => Buffer } | null {
    if (!versions.includes(version) || !/^[0-9a-f]{64}$/.test(id)) return null
    if (file.startsWith('cmdline-metal-')) {
      const text = Buffer.from(file.endsWith('arm64') ? CMDLINE_AMD64.replace('console=tty0', 'console=ttyAMA0 console=tty0') : CMDLINE_AMD64)
      return { size: text.length, at: (s, e) => text.subarray(s, e) }
    }
    const size = sizes[file]
    if (size === undefined) return null
    const base = block(`${id}/${version}/${file}`)
    return { size, at: (s, e) => slice(base, s, e) }
  }

  async function send(req: IncomingMessage, res: ServerResponse, fault: Fault | null, id: string, version: string, file: string) {
    const c = content(id, version, file)
    if (!c) return json(res, 404, { error: 'not found' })
    const head = req.method === 'HEAD'
    const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '')
    const useRange = !head && m && fault?.kind !== 'ignoreRange'
    let start = 0
    let end = c.size
    if (useRange) {
      start = Number(m[1])
      end = m[2] ? Math.min(c.size, Number(m[2]) + 1) : c.size
      if (start >= c.size) {
        res.writeHead(416, { 'content-range': `bytes */${c.size}` })
        return res.end()
      }
      res.writeHead(206, { 'content-range': `bytes ${start}-${end - 1}/${c.size}`, 'content-length': end - start, 'accept-ranges': 'bytes' })
    } else {
      const headers: Record<string, string | number> = { 'accept-ranges': 'bytes', 'content-type': 'application/octet-stream' }
      if (!(head && options.headWithoutLength)) headers['content-length'] = c.size
      res.writeHead(200, headers)
    }
    if (head) return res.end()
    res.flushHeaders() // a stall at byte 0 is then a body stall, not a slow answer
    const limit = fault?.kind === 'cut' || fault?.kind === 'stall' ? fault.afterBytes : Infinity
    const chunk = fault?.kind === 'slow' ? fault.chunk : 64 * 1024
    let sent = 0
    for (let pos = start; pos < end; pos += chunk) {
      if (res.destroyed) return
      const piece = c.at(pos, Math.min(end, pos + chunk, start + limit))
      if (piece.length > 0) {
        await new Promise<void>((r) => res.write(piece, () => r()))
        sent += piece.length
      }
      if (sent >= limit) {
        if (fault?.kind === 'cut') res.socket?.destroy()
        return // a stall keeps the response open until the client gives up
      }
      if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.everyMs))
      else if (options.paceBytesPerSecond) await new Promise((r) => setTimeout(r, (piece.length / options.paceBytesPerSecond!) * 1000))
    }
    res.end()
  }

  function json(res: ServerResponse, status: number, value: unknown) {
    const body = JSON.stringify(value)
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
    res.end(body)
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const parts: Buffer[] = []
    for await (const p of req) parts.push(p as Buffer)
    return Buffer.concat(parts).toString('utf8')
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!
    requests.push({ method: req.method ?? 'GET', path, range: req.headers.range ?? null })
    void (async () => {
      if (req.method === 'POST' && path === '/schematics') {
        const body = await readBody(req)
        schematicBodies.push(body)
        const doc = parseYaml(body) as Record<string, unknown> | null
        if (!doc || typeof doc !== 'object' || Object.keys(doc).some((k) => k !== 'customization' && k !== 'overlay')) {
          res.writeHead(400, { 'content-type': 'text/plain' })
          return res.end('unknown field in schematic')
        }
        const overlay = doc.overlay as { image?: unknown; name?: unknown } | undefined
        const refused = overlay === undefined ? null : overlayRefusal(overlay)
        if (refused) {
          res.writeHead(400, { 'content-type': 'text/plain' })
          return res.end(refused)
        }
        const c = doc.customization as Record<string, unknown> | null
        const empty = !c || Object.keys(c).length === 0
        const hashed = overlay ? { overlay: { image: overlay.image, name: overlay.name }, customization: c ?? {} } : c
        const id = empty && !overlay ? VANILLA_ID : createHash('sha256').update(JSON.stringify(hashed)).digest('hex')
        if (overlay) overlaySchematics.add(id)
        return json(res, 201, { id, schematic: body })
      }
      if (req.method === 'GET' && path === '/versions') return json(res, 200, versions)
      const ext = /^\/version\/([^/]+)\/extensions\/official$/.exec(path)
      if (req.method === 'GET' && ext) {
        if (!versions.includes(decodeURIComponent(ext[1]!))) return json(res, 404, { error: 'unknown version' })
        return json(res, 200, [
          {
            name: 'siderolabs/intel-ucode',
            ref: 'ghcr.io/siderolabs/intel-ucode:20250512',
            digest: 'sha256:aa',
            author: 'Sidero Labs',
            description: 'Intel microcode'
          },
          {
            name: 'siderolabs/i915',
            ref: 'ghcr.io/siderolabs/i915:20250512-v1.11.5',
            digest: 'sha256:bb',
            author: 'Sidero Labs',
            description: 'Intel GPU firmware'
          }
        ])
      }
      const ovl = /^\/version\/([^/]+)\/overlays\/official$/.exec(path)
      if (req.method === 'GET' && ovl) {
        if (!versions.includes(decodeURIComponent(ovl[1]!))) return json(res, 404, { error: 'unknown version' })
        return json(res, 200, LAB_OVERLAYS)
      }
      const img = /^\/(image|cdn)\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(path)
      // Overlays carry arm64 boot firmware: an overlay schematic has no amd64 images.
      if (img && overlaySchematics.has(img[2]!) && img[4]!.includes('amd64')) {
        res.writeHead(400, { 'content-type': 'text/plain' })
        return res.end(`overlay schematics are only supported for arm64: ${img[4]}`)
      }
      if ((req.method === 'GET' || req.method === 'HEAD') && img) {
        const fault = req.method === 'GET' && img[1] === 'image' ? (faults.shift() ?? alwaysFault) : null
        if (fault?.kind === 'status') return json(res, fault.status, { error: `fault ${fault.status}` })
        if (fault?.kind === 'redirect') {
          res.writeHead(302, { location: `/cdn/${img[2]}/${img[3]}/${img[4]}` })
          return res.end()
        }
        return send(req, res, fault, img[2]!, img[3]!, img[4]!)
      }
      json(res, 404, { error: 'no route' })
    })().catch(() => res.destroy())
  })
  server.on('connection', (s) => {
    totalConnections++
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  if (options.unref) server.unref()
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    schematicBodies,
    /** Faults for the next image GETs, in order. */
    faults,
    /** A fault for every image GET once the queue is empty (null: none). */
    setAlwaysFault(f: Fault | null) {
      alwaysFault = f
    },
    openConnections: () => sockets.size,
    get totalConnections() {
      return totalConnections
    },
    size(file: string): number {
      return content(VANILLA_ID, versions[0]!, file)!.size
    },
    bytes(id: string, version: string, file: string): Buffer {
      const c = content(id, version, file)!
      return c.at(0, c.size)
    },
    sha256(id: string, version: string, file: string): string {
      return createHash('sha256')
        .update(this.bytes(id, version, file))
        .digest('hex')
    },
    imageGets: () => requests.filter((r) => r.method === 'GET' && r.path.startsWith('/image/')),
    async close() {
      for (const s of sockets) s.destroy()
      await new Promise<void>((r) => server.close(() => r()))
    }
  }
}

export type FakeFactory = Awaited<ReturnType<typeof startFakeFactory>>
