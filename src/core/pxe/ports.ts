import type { Socket } from 'node:dgram'
import { promises as fs } from 'node:fs'
import type { Server } from 'node:net'
import { AppError } from '../../shared/errors'
import { privilegeHint } from './privileges'

/**
 * Who holds a port, from /proc (Linux only): the socket's inode in /proc/net/<proto>, then the
 * process whose fd links to it. Null when /proc does not tell (another OS, or not our user's).
 */
export async function portHolder(proto: 'udp' | 'tcp', port: number, procRoot = '/proc'): Promise<string | null> {
  const inodes = new Set<string>()
  for (const file of [proto, `${proto}6`]) {
    let text: string
    try {
      text = await fs.readFile(`${procRoot}/net/${file}`, 'utf8')
    } catch {
      continue
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/)
      const local = cols[1]
      // TCP: only the listening socket (state 0A) holds the port.
      if (!local || (proto === 'tcp' && cols[3] !== '0A')) continue
      if (parseInt(local.split(':')[1] ?? '', 16) === port && cols[9]) inodes.add(cols[9])
    }
  }
  if (inodes.size === 0) return null
  let pids: string[]
  try {
    pids = (await fs.readdir(procRoot)).filter((d) => /^\d+$/.test(d))
  } catch {
    return null
  }
  for (const pid of pids) {
    let fds: string[]
    try {
      fds = await fs.readdir(`${procRoot}/${pid}/fd`)
    } catch {
      continue
    }
    for (const fd of fds) {
      const link = await fs.readlink(`${procRoot}/${pid}/fd/${fd}`).catch(() => '')
      const m = /^socket:\[(\d+)\]$/.exec(link)
      if (m && inodes.has(m[1]!)) {
        const comm = (await fs.readFile(`${procRoot}/${pid}/comm`, 'utf8').catch(() => '?')).trim()
        return `${comm} (pid ${pid})`
      }
    }
  }
  return null
}

export async function portInUse(proto: 'udp' | 'tcp', address: string, port: number, what: string): Promise<AppError> {
  const holder = await portHolder(proto, port)
  const by = holder ? ` by ${holder}` : ''
  return new AppError(
    'CONFLICT',
    `${what} port ${proto.toUpperCase()} ${address}:${port} is already in use${by}. ` +
      `Stop that service (another DHCP/TFTP server such as dnsmasq, or a second wild pxe serve) and try again.`,
    { port, proto, holder }
  )
}

function bindError(e: NodeJS.ErrnoException, proto: 'udp' | 'tcp', address: string, port: number, what: string): Promise<AppError> | AppError {
  if (e.code === 'EADDRINUSE') return portInUse(proto, address, port, what)
  if (e.code === 'EACCES') {
    return new AppError('FORBIDDEN', `Not allowed to open ${what} port ${port}: ${privilegeHint}`)
  }
  if (e.code === 'EADDRNOTAVAIL') {
    return new AppError('VALIDATION', `The address ${address} is not on this machine any more. Check the interface and try again.`)
  }
  return new AppError('IO', `Could not open ${what} port ${address}:${port}: ${e.message}`)
}

export async function bindUdp(where: { address: string; port: number; reuse?: boolean }, what: string): Promise<Socket> {
  const { createSocket } = await import('node:dgram')
  const sock = createSocket({ type: 'udp4', reuseAddr: where.reuse ?? false })
  try {
    await new Promise<void>((resolve, reject) => {
      sock.once('error', reject)
      sock.bind({ address: where.address, port: where.port, exclusive: true }, () => {
        sock.off('error', reject)
        resolve()
      })
    })
  } catch (e) {
    sock.close()
    throw await bindError(e as NodeJS.ErrnoException, 'udp', where.address, where.port, what)
  }
  // A send error on one client must not take the server down.
  sock.on('error', () => {})
  return sock
}

export async function listenTcp(server: Server, address: string, port: number, what: string): Promise<void> {
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen({ host: address, port, exclusive: true }, () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (e) {
    throw await bindError(e as NodeJS.ErrnoException, 'tcp', address, port, what)
  }
}
