/**
 * Benchmark: 50 simulated PXE clients booting at once from `wild pxe serve`'s engine, on loopback.
 *
 * Each client does what firmware + iPXE do: DHCP DISCOVER (proxy offer, no address) → REQUEST on
 * 4011 → TFTP of undionly.kpxe (blksize 1468) → HTTP iPXE script → 100 MB initramfs by HTTP.
 * The server runs in its own process (this bundle with `serve`), so its peak RSS (VmHWM) is its
 * own; the clients run here. Then the same 50 × 100 MB HTTP transfers from our server alone and
 * from Python's http.server (`python3 -m http.server`, threading) on 127.0.0.1.
 *
 * Loopback only: server 127.0.90.2, client sockets on 127.0.91.x, high ports.
 * Env: BENCH_PXE_CLIENTS (default 50), BENCH_PXE_MB (default 100), BENCH_ROUNDS (default 3).
 */
import { createSocket, type Socket } from 'node:dgram'
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { request } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { execa, type ResultPromise } from 'execa'
import { encodeRequest, MessageType, Opt, optionString, parseDhcp } from '../src/core/pxe/dhcp-packet'
import { startPxeServer } from '../src/core/pxe/server'
import { ackPacket, Op, parseTftp, rrqPacket } from '../src/core/pxe/tftp-packet'
import { VANILLA_SCHEMATIC_ID } from '../src/core/assets/catalog'

const CLIENTS = Number(process.env.BENCH_PXE_CLIENTS ?? 50)
const MB = Number(process.env.BENCH_PXE_MB ?? 100)
const SERVER_IP = '127.0.90.2'
const BROADCAST = '127.0.90.1'
const PORTS = { dhcp: 10467, pxe: 14411, tftp: 10469, client: 10468 }
const VERSION = 'v1.11.5'
const PY_PORT = 18765
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3))

/** The instance's pxe/ folder as the asset service leaves it, with a `size`-byte initramfs. */
async function prepare(dataDir: string): Promise<string> {
  const set = join(dataDir, 'instances', 'bench', 'pxe', `${VANILLA_SCHEMATIC_ID}@${VERSION}`, 'amd64')
  await fs.mkdir(set, { recursive: true })
  await fs.writeFile(join(dataDir, 'instances', 'bench', 'config.yaml'), `cluster:\n  nodes:\n    talos:\n      version: ${VERSION}\n`)
  const block = createHash('sha512').update('wild').digest()
  const mb = Buffer.alloc(1024 * 1024)
  for (let i = 0; i < mb.length; i += block.length) block.copy(mb, i)
  const files: [string, string, () => Promise<Buffer | null>][] = [
    ['kernel', 'kernel', async () => Buffer.alloc(4096, 1)],
    ['cmdline', 'cmdline', async () => Buffer.from('console=ttyS0 talos.platform=metal')],
    ['initramfs', 'initramfs.xz', async () => null]
  ]
  const assets: Record<string, unknown> = {}
  for (const [type, name, make] of files) {
    const path = join(set, name)
    const data = await make()
    const hash = createHash('sha256')
    if (data) {
      await fs.writeFile(path, data)
      hash.update(data)
    } else {
      const fh = await fs.open(path, 'w')
      for (let i = 0; i < MB; i++) {
        await fh.write(mb)
        hash.update(mb)
      }
      await fh.close()
    }
    const size = (await fs.stat(path)).size
    assets[type] = {
      url: `https://factory.talos.dev/image/x/${VERSION}/${name}`,
      size,
      sha256: hash.digest('hex'),
      downloadedAt: new Date().toISOString(),
      verifiedAt: null,
      corrupt: false
    }
  }
  await fs.writeFile(
    join(set, 'manifest.json'),
    JSON.stringify({ schemaVersion: 1, schematicId: VANILLA_SCHEMATIC_ID, version: VERSION, arch: 'amd64', assets })
  )
  return set
}

/** Child mode: the server alone in this process until stdin closes, then its peak RSS. */
async function serve(dataDir: string): Promise<void> {
  const server = await startPxeServer({
    dataDir,
    instance: 'bench',
    interfaceName: 'lab0',
    version: VERSION,
    schematicId: VANILLA_SCHEMATIC_ID,
    httpPort: 0,
    ipxeDir: resolve('resources/ipxe'),
    nodeForMac: async () => null,
    onEvent: () => {},
    log: () => {},
    testing: {
      ports: PORTS,
      interfaces: {
        lab0: [{ address: SERVER_IP, netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: `${SERVER_IP}/24` }]
      },
      broadcastTo: BROADCAST
    }
  })
  process.stdout.write(JSON.stringify({ httpPort: server.httpPort }) + '\n')
  process.stdin.resume()
  await new Promise((r) => process.stdin.once('end', r))
  await server.close()
}

function udp(ip: string, port = 0): Promise<Socket> {
  const s = createSocket('udp4')
  return new Promise((r) => s.bind(port, ip, () => r(s)))
}

function once(s: Socket, ms = 10_000): Promise<{ msg: Buffer; port: number }> {
  return new Promise((res, rej) => {
    const t = setTimeout(() => rej(new Error('no UDP answer')), ms)
    s.once('message', (msg, r) => (clearTimeout(t), res({ msg, port: r.port })))
  })
}

function pxeRequest(mac: string, type: number, userClass?: string): Buffer {
  const options: [number, Buffer][] = [
    [Opt.MESSAGE_TYPE, Buffer.from([type])],
    [Opt.VENDOR_CLASS, Buffer.from('PXEClient:Arch:00000:UNDI:002001')],
    [Opt.CLIENT_ARCH, Buffer.from([0, 0])]
  ]
  if (userClass) options.push([Opt.USER_CLASS, Buffer.from(userClass)])
  return encodeRequest({ xid: 0x1000, mac, options })
}

/** A GET from a chosen source address; counts the bytes and keeps none. */
function get(url: string, from: string): Promise<{ bytes: number; text: string }> {
  return new Promise((done, fail) => {
    const req = request(url, { localAddress: from, timeout: 120_000 }, (res) => {
      let bytes = 0
      let text = ''
      res.on('data', (c: Buffer) => {
        bytes += c.length
        if (bytes < 4096) text += c.toString()
      })
      res.on('end', () => (res.statusCode === 200 ? done({ bytes, text }) : fail(new Error(`HTTP ${res.statusCode} for ${url}`))))
    })
    req.on('error', fail)
    req.end()
  })
}

async function tftp(s: Socket, file: string): Promise<number> {
  s.send(rrqPacket(file, { blksize: '1468', tsize: '0' }), PORTS.tftp, SERVER_IP)
  let bytes = 0
  for (;;) {
    const { msg, port } = await once(s)
    const p = parseTftp(msg)
    if (!p || p.op === Op.ERROR) throw new Error(`TFTP error for ${file}`)
    if (p.op === Op.OACK) s.send(ackPacket(0), port, SERVER_IP)
    else if (p.op === Op.DATA) {
      bytes += p.data.length
      s.send(ackPacket(p.block), port, SERVER_IP)
      if (p.data.length < 1468) return bytes
    }
  }
}

/** One machine's whole boot; DHCP offers reach it through the shared "broadcast" receiver. */
async function boot(i: number, offers: Map<string, (b: Buffer) => void>, dhcpOut: Socket): Promise<number> {
  const mac = `52:54:00:90:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`
  const ip = `127.0.91.${i + 2}`
  const offer = (userClass?: string) =>
    new Promise<Buffer>((res) => {
      offers.set(mac, res)
      dhcpOut.send(pxeRequest(mac, MessageType.DISCOVER, userClass), PORTS.dhcp, SERVER_IP)
    })
  const first = parseDhcp(await offer())
  const s = await udp(ip)
  try {
    s.send(pxeRequest(mac, MessageType.REQUEST), PORTS.pxe, SERVER_IP)
    await once(s)
    await tftp(s, first.file)
  } finally {
    s.close()
  }
  const scriptUrl = optionString(parseDhcp(await offer('iPXE')), Opt.BOOTFILE)!
  const script = (await get(scriptUrl, ip)).text
  const initrd = /initrd --name \S+ (\S+)/.exec(script)![1]!
  return (await get(initrd, ip)).bytes
}

function statusKiB(pid: number, field: 'VmHWM' | 'VmRSS'): Promise<number> {
  return fs.readFile(`/proc/${pid}/status`, 'utf8').then((t) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(t)?.[1] ?? 0))
}
const peakRssMiB = async (pid: number) => (await statusKiB(pid, 'VmHWM')) / 1024
const rssMiB = async (pid: number) => (await statusKiB(pid, 'VmRSS')) / 1024

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

async function waitForPort(port: number, host: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((r) => {
      const c = connect(port, host, () => (c.destroy(), r(true)))
      c.on('error', () => r(false))
    })
    if (ok) return
    await sleep(100)
  }
  throw new Error(`nothing listens on ${host}:${port}`)
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now()
  const value = await fn()
  return { ms: performance.now() - t0, value }
}

const fmt = (ms: number, bytes: number) => `${(ms / 1000).toFixed(2)} s, ${(bytes / 1024 / 1024 / (ms / 1000)).toFixed(0)} MiB/s`

async function main(): Promise<void> {
  const dataDir = await fs.mkdtemp(join(tmpdir(), 'wild-bench-pxe-'))
  const abort = new AbortController()
  const children: ResultPromise[] = []
  try {
    const set = await prepare(dataDir)
    const server = execa(process.execPath, [process.argv[1]!, 'serve', dataDir], {
      timeout: 600_000,
      cancelSignal: abort.signal,
      stdin: 'pipe',
      stderr: 'inherit'
    })
    children.push(server)
    const ready = await new Promise<{ httpPort: number }>((res, rej) => {
      server.stdout!.once('data', (d: Buffer) => res(JSON.parse(d.toString())))
      server.catch(rej)
    })
    const ourIdle = await rssMiB(server.pid!)
    const offers = new Map<string, (b: Buffer) => void>()
    const receiver = await udp(BROADCAST, PORTS.client)
    receiver.on('message', (msg) => {
      const mac = parseDhcp(msg).mac
      offers.get(mac)?.(msg)
    })
    const dhcpOut = await udp(BROADCAST)
    const total = CLIENTS * MB * 1024 * 1024
    console.log(`${CLIENTS} clients, ${MB} MB initramfs each, loopback only`)

    const chain = await timed(() => Promise.all(Array.from({ length: CLIENTS }, (_, i) => boot(i, offers, dhcpOut))))
    if (chain.value.some((b) => b !== MB * 1024 * 1024)) throw new Error('a client got a short initramfs')
    console.log(`full chain (DHCP → 4011 → TFTP → script → initramfs): ${fmt(chain.ms, total)}`)
    receiver.close()
    dhcpOut.close()

    const py = execa('python3', ['-m', 'http.server', String(PY_PORT), '--bind', '127.0.0.1', '--directory', set], {
      timeout: 600_000,
      cancelSignal: abort.signal,
      stdout: 'ignore',
      stderr: 'ignore'
    })
    children.push(py)
    py.catch(() => {})
    await waitForPort(PY_PORT, '127.0.0.1')
    const pyIdle = await rssMiB(py.pid!)
    // The same 50 parallel downloads from each server, alternating so machine noise falls on both.
    const ourUrl = `http://${SERVER_IP}:${ready.httpPort}/assets/amd64/initramfs.xz`
    const pyUrl = `http://127.0.0.1:${PY_PORT}/initramfs.xz`
    const oursMs: number[] = []
    const pyMs: number[] = []
    for (let r = 0; r < ROUNDS; r++) {
      oursMs.push((await timed(() => Promise.all(Array.from({ length: CLIENTS }, (_, i) => get(ourUrl, `127.0.91.${i + 2}`))))).ms)
      pyMs.push((await timed(() => Promise.all(Array.from({ length: CLIENTS }, () => get(pyUrl, '127.0.0.1'))))).ms)
    }
    console.log(`HTTP only (${CLIENTS} × ${MB} MB at once, median of ${ROUNDS}):`)
    console.log(`  wild pxe:                ${fmt(median(oursMs), total)}   [${oursMs.map((m) => (m / 1000).toFixed(2)).join(', ')} s]`)
    console.log(`  python3 -m http.server:  ${fmt(median(pyMs), total)}   [${pyMs.map((m) => (m / 1000).toFixed(2)).join(', ')} s]`)
    console.log(
      `peak RSS: wild pxe server ${(await peakRssMiB(server.pid!)).toFixed(0)} MiB (idle ${ourIdle.toFixed(0)} MiB); python ${(await peakRssMiB(py.pid!)).toFixed(0)} MiB (idle ${pyIdle.toFixed(0)} MiB)`
    )
    server.stdin!.end()
    await server
  } finally {
    abort.abort()
    await Promise.allSettled(children)
    await fs.rm(dataDir, { recursive: true, force: true })
  }
}

if (process.argv[2] === 'serve') void serve(process.argv[3]!)
else
  main().catch((e: Error) => {
    console.error(e.message)
    process.exit(1)
  })
