import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import net from 'node:net'

/**
 * Loopback stand-ins for machines on a LAN. Linux routes all of 127.0.0.0/8 to lo, so each
 * 127.x.y.z can be its own "host". Nothing here touches any other address.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export function loopbackRange(third: number, from: number, count: number, second = 0): string[] {
  return Array.from({ length: count }, (_, i) => `127.${second}.${third}.${from + i}`)
}

export interface Listeners {
  servers: net.Server[]
  /** Connections currently open on the server side, all listeners together. */
  openConnections(): number
  /** Connections ever accepted. */
  accepted(): number
  close(): Promise<void>
}

/** Answering hosts: accept and keep the connection until the client leaves. */
export async function startListeners(ips: string[], port: number): Promise<Listeners> {
  const sockets = new Set<net.Socket>()
  let accepted = 0
  const servers = await Promise.all(
    ips.map(
      (ip) =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer((c) => {
            accepted++
            sockets.add(c)
            c.on('error', () => undefined)
            c.on('close', () => sockets.delete(c))
          })
          server.once('error', reject)
          server.listen({ host: ip, port }, () => resolve(server))
        })
    )
  )
  return {
    servers,
    openConnections: () => sockets.size,
    accepted: () => accepted,
    async close() {
      for (const c of sockets) c.destroy()
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))))
    }
  }
}

export interface SilentHosts {
  pid: number
  close(): Promise<void>
}

const LISTENER_SCRIPT = `
const net = require('net')
const [ips, port] = [process.argv[1].split(','), Number(process.argv[2])]
let n = 0
for (const ip of ips) net.createServer(() => {}).listen({ host: ip, port, backlog: 1 }, () => {
  if (++n === ips.length) process.stdout.write('ready\\n')
})
`

function stateOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] ?? '?'
  } catch {
    return '?'
  }
}

function connectWithin(ip: string, port: number, ms: number): Promise<net.Socket | null> {
  return new Promise((resolve) => {
    const s = net.connect({ host: ip, port })
    s.on('error', () => undefined)
    const t = setTimeout(() => {
      s.destroy()
      resolve(null)
    }, ms)
    s.once('connect', () => {
      clearTimeout(t)
      resolve(s)
    })
  })
}

/**
 * Silent hosts, as on a LAN where a firewall drops SYNs: a listener in a stopped child process
 * with its accept queue filled, so the kernel drops every further SYN and a connect gets no
 * answer at all (not a refusal).
 */
export async function startSilentHosts(ips: string[], port: number): Promise<SilentHosts> {
  const child = spawn(process.execPath, ['-e', LISTENER_SCRIPT, ips.join(','), String(port)], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`silent-host listener exited with ${code}`)))
    child.stdout!.once('data', () => resolve())
  })
  child.removeAllListeners('exit')
  child.kill('SIGSTOP')
  for (let i = 0; i < 100 && stateOf(child.pid!) !== 'T'; i++) await sleep(10)

  const fillers: net.Socket[] = []
  await Promise.all(
    ips.map(async (ip) => {
      for (let i = 0; i < 8; i++) {
        const s = await connectWithin(ip, port, 150)
        if (!s) return
        fillers.push(s)
      }
      throw new Error(`the accept queue of ${ip}:${port} never filled`)
    })
  )
  await sleep(10) // the filler attempts that got no answer finish closing
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  return {
    pid: child.pid!,
    async close() {
      for (const s of fillers) s.destroy()
      child.kill('SIGKILL')
      await exited
    }
  }
}

/** TCP sockets this process holds (client and server), from Node's own handle list. */
export function tcpHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'TCPWrap' || r === 'TCPConnectWrap').length
}
