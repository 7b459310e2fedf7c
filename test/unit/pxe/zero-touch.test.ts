import { request } from 'node:http'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BootEvent } from '@core/pxe/schemas'
import { startPxeServer, type PxeServer, type PxeServerOptions } from '@core/pxe/server'
import { createConfigTokens } from '@core/pxe/zero-touch'
import { prepareInstance, SCHEMATIC, VERSION } from './fixture'

const MAC = '52:54:00:cc:dd:01'
const OTHER_MAC = '52:54:00:cc:dd:02'
const CONFIG = 'version: v1alpha1\nmachine:\n  token: secret-join-token\n'

let n = 0
/** Our own loopback /24 per run; .2 is the server, the rest are "machines" by source address. */
function base(): string {
  n++
  return `127.${100 + ((process.pid >> 8) & 63)}.${(process.pid + n) & 255}`
}

let dataDir: string
let server: PxeServer | null = null
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wild-zt-'))
})
afterEach(async () => {
  await server?.close()
  server = null
  await rm(dataDir, { recursive: true, force: true })
})

/** GET from a chosen loopback source address, as a machine on the LAN would. */
function get(url: string, from: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(url, { localAddress: from, timeout: 5000 }, (res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c.toString()))
      res.on('end', () => done({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', fail)
    req.end()
  })
}

async function serve(net: string, events: BootEvent[], extra: Partial<PxeServerOptions> = {}): Promise<PxeServer> {
  const ip = `${net}.2`
  await prepareInstance(dataDir, 'lab', { kernel: 'K', initramfs: 'I', cmdline: 'console=ttyS0' })
  const final = join(dataDir, 'instances', 'lab', 'talos', 'final')
  await mkdir(final, { recursive: true })
  await writeFile(join(final, 'worker-1.yaml'), CONFIG)
  return startPxeServer({
    dataDir,
    instance: 'lab',
    interfaceName: 'lab0',
    version: VERSION,
    schematicId: SCHEMATIC,
    httpPort: 0,
    ipxeDir: resolve('resources/ipxe'),
    nodeForMac: async (mac) => (mac === MAC ? { hostname: 'worker-1', installed: false } : null),
    onEvent: (e) => events.push(e),
    log: () => {},
    testing: {
      ports: { dhcp: 10167, pxe: 14111, tftp: 10169, client: 10168 },
      interfaces: { lab0: [{ address: ip, netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: `${ip}/24` }] },
      broadcastTo: ip
    },
    ...extra
  })
}

const zeroTouch = (dataDir: string) => ({
  wants: async (h: string) => h === 'worker-1',
  configPath: (h: string) => join(dataDir, 'instances', 'lab', 'talos', 'final', `${h}.yaml`)
})

describe('apply config at boot (zero-touch)', () => {
  it('is off by default: the installer script has no talos.config', async () => {
    const net = base()
    server = await serve(net, [])
    const script = await get(`http://${net}.2:${server.httpPort}/boot.ipxe?mac=${MAC}&arch=amd64`, `${net}.50`)
    expect(script.body).toContain('kernel ')
    expect(script.body).not.toContain('talos.config=')
  })

  it('serves the node its config once, only to the address that asked for its script', async () => {
    const net = base()
    const events: BootEvent[] = []
    server = await serve(net, events, { configAtBoot: zeroTouch(dataDir) })
    const script = (await get(`http://${net}.2:${server.httpPort}/boot.ipxe?mac=${MAC}&arch=amd64`, `${net}.50`)).body
    const url = /talos\.config=(\S+)/.exec(script)?.[1]
    expect(url).toMatch(new RegExp(`^http://${net.replaceAll('.', '\\.')}\\.2:${server.httpPort}/config/[A-Za-z0-9_-]{32}$`))
    // A machine that was never given the token (another address) gets nothing, and does not spend it.
    expect((await get(url!, `${net}.51`)).status).toBe(404)
    const first = await get(url!, `${net}.50`)
    expect(first).toEqual({ status: 200, body: CONFIG })
    expect(events.at(-1)).toMatchObject({ mac: MAC, ip: `${net}.50`, stage: 'config' })
    // Once: the token is forgotten.
    expect((await get(url!, `${net}.50`)).status).toBe(404)
  })

  it('refuses the token when another MAC has taken over that address, and gives unknown MACs none', async () => {
    const net = base()
    server = await serve(net, [], { configAtBoot: zeroTouch(dataDir) })
    const script = (await get(`http://${net}.2:${server.httpPort}/boot.ipxe?mac=${MAC}&arch=amd64`, `${net}.60`)).body
    const url = /talos\.config=(\S+)/.exec(script)![1]!
    const other = (await get(`http://${net}.2:${server.httpPort}/boot.ipxe?mac=${OTHER_MAC}&arch=amd64`, `${net}.60`)).body
    expect(other).not.toContain('talos.config=')
    expect((await get(url, `${net}.60`)).status).toBe(404)
  })

  it('tokens: one live token per MAC, redeemed once, bound to MAC and address', () => {
    let i = 0
    const tokens = createConfigTokens(() => `token-${++i}`)
    const grant = { mac: MAC, ip: '10.0.0.5', hostname: 'w', path: '/x' }
    const t1 = tokens.issue(grant)
    const t2 = tokens.issue(grant)
    expect(tokens.size()).toBe(1)
    expect(tokens.redeem(t1, { ip: '10.0.0.5', macAtIp: MAC })).toBeNull()
    expect(tokens.redeem(t2, { ip: '10.0.0.5', macAtIp: OTHER_MAC })).toBeNull()
    expect(tokens.redeem(t2, { ip: '10.0.0.6', macAtIp: MAC })).toBeNull()
    expect(tokens.redeem(t2, { ip: '10.0.0.5', macAtIp: MAC })).toEqual(grant)
    expect(tokens.redeem(t2, { ip: '10.0.0.5', macAtIp: MAC })).toBeNull()
  })
})
