import { createServer, connect, type Server, type Socket } from 'node:net'
import { Worker } from 'node:worker_threads'
import { serveTalosctl, type TalosctlServer } from './fast/server'
import type { Lab } from './lab'
import { viewMachine } from './stage'

/**
 * TCP listeners standing in for the machines' port 50000, so discovery can find them by
 * scanning. Linux routes all of 127.0.0.0/8 to lo, so 127.0.10.x can be bound without aliases.
 *
 * A "silent host" (a filtered port, a machine that drops packets) is a listener whose accept
 * queue is full: the socket listens with backlog 1 inside a worker thread whose event loop is
 * then blocked (Atomics.wait), so nothing ever accepts; two filler connections fill the
 * queue, and from then on the kernel drops new SYNs, so a connect hangs until the caller's
 * own timeout. Closing wakes the worker, which closes the socket.
 */

export interface Listeners {
  /** Addresses with a listener that accepts. */
  answering: string[]
  /** Addresses whose connects hang. */
  silent: string[]
  close(): Promise<void>
}

const SILENT_WORKER = `
const { workerData, parentPort } = require('node:worker_threads')
const net = require('node:net')
const flag = new Int32Array(workerData.shared)
const server = net.createServer()
server.on('error', (e) => parentPort.postMessage({ error: e.message }))
server.listen({ host: workerData.ip, port: workerData.port, backlog: 1 }, () => {
  parentPort.postMessage({ listening: true })
  Atomics.wait(flag, 0, 0)
  server.close()
  parentPort.close()
})
`

function tryConnect(ip: string, port: number, ms: number): Promise<Socket | undefined> {
  return new Promise((resolveConnect) => {
    const s = connect({ host: ip, port })
    const timer = setTimeout(() => {
      s.destroy()
      resolveConnect(undefined)
    }, ms)
    s.once('connect', () => {
      clearTimeout(timer)
      resolveConnect(s)
    })
    s.once('error', () => {
      clearTimeout(timer)
      resolveConnect(undefined)
    })
  })
}

export interface SilentHost {
  close(): Promise<void>
}

export async function silentHost(ip: string, port: number): Promise<SilentHost> {
  const shared = new SharedArrayBuffer(4)
  const worker = new Worker(SILENT_WORKER, { eval: true, workerData: { ip, port, shared } })
  const exited = new Promise<void>((r) => worker.once('exit', () => r()))
  await new Promise<void>((resolveListen, reject) => {
    worker.once('message', (m: { listening?: boolean; error?: string }) => (m.error ? reject(new Error(m.error)) : resolveListen()))
    worker.once('error', reject)
  })
  const fillers: Socket[] = []
  for (let i = 0; i < 8; i++) {
    const s = await tryConnect(ip, port, 150)
    if (!s) break
    fillers.push(s)
  }
  return {
    async close() {
      for (const s of fillers) s.destroy()
      Atomics.store(new Int32Array(shared), 0, 1)
      Atomics.notify(new Int32Array(shared), 0)
      await exited
    }
  }
}

function listen(ip: string, port: number): Promise<Server> {
  return new Promise((resolveListen, reject) => {
    // Remember connections so close() need not wait for clients to hang up.
    const sockets = new Set<Socket>()
    const server = createServer((socket) => {
      sockets.add(socket)
      socket.on('error', () => undefined)
      socket.on('close', () => sockets.delete(socket))
    })
    server.on('close', () => undefined)
    const close = server.close.bind(server)
    server.close = (cb?: (err?: Error) => void) => {
      for (const s of sockets) s.destroy()
      return close(cb)
    }
    server.once('error', reject)
    server.listen({ host: ip, port }, () => resolveListen(server))
  })
}

/**
 * Opens port `port` on each address: every answering machine of a lab (silent or timing-out
 * ones get a silent host; refused, rebooting or powered-off ones get nothing), or a plain list.
 */
export async function serveLab(source: Lab | string[], opts: { port: number }): Promise<Listeners> {
  const answering: string[] = []
  const silent: string[] = []
  if (Array.isArray(source)) {
    answering.push(...source)
  } else {
    const lab = await source.read()
    for (const m of lab.machines) {
      const v = viewMachine(m, Date.now(), lab.timing)
      if (m.faults.silent || m.faults.unreachable === 'timeout') silent.push(m.ip)
      else if (v.answersAt && !m.faults.unreachable) answering.push(v.answersAt)
    }
  }
  const servers: Server[] = []
  const hosts: SilentHost[] = []
  // While a lab is served, its native talosctl runs short reads in this process (fast/server.ts).
  let talosctl: TalosctlServer | undefined
  const closeAll = () =>
    Promise.all([...servers.map((s) => new Promise((r) => s.close(r))), ...hosts.map((h) => h.close()), talosctl?.close()]).then(() => undefined)
  try {
    for (const ip of answering) servers.push(await listen(ip, opts.port))
    for (const ip of silent) hosts.push(await silentHost(ip, opts.port))
    if (!Array.isArray(source)) talosctl = await serveTalosctl(source.file)
  } catch (e) {
    await closeAll()
    throw e
  }
  return { answering, silent, close: closeAll }
}
