import { promises as fs } from 'node:fs'
import { AppError } from '../../shared/errors'

export const privilegeHint =
  'ports 67, 69 and 4011 are privileged. Run it as root (sudo wild pxe serve …), or grant Node the capability once: ' +
  'sudo setcap cap_net_bind_service=+ep "$(readlink -f "$(command -v node)")"'

const CAP_NET_BIND_SERVICE = 10

/** Pure: whether this process may bind `lowest`, from its uid, effective capabilities and the sysctl. */
export function privilegeProblem(p: { uid: number | null; capEff: bigint | null; unprivilegedPortStart: number | null; lowest: number }): string | null {
  if (p.uid === 0) return null
  if (p.capEff !== null && (p.capEff >> BigInt(CAP_NET_BIND_SERVICE)) & 1n) return null
  if (p.unprivilegedPortStart !== null && p.lowest >= p.unprivilegedPortStart) return null
  // Platforms without uid (Windows) have no privileged ports to check.
  if (p.uid === null) return null
  return `Not running as root and without CAP_NET_BIND_SERVICE: ${privilegeHint}`
}

export async function checkPrivileges(lowest: number): Promise<void> {
  const uid = typeof process.getuid === 'function' ? process.getuid() : null
  const status = await fs.readFile('/proc/self/status', 'utf8').catch(() => '')
  const cap = /^CapEff:\s*([0-9a-f]+)$/m.exec(status)
  const start = await fs.readFile('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8').catch(() => '')
  const problem = privilegeProblem({
    uid,
    capEff: cap ? BigInt('0x' + cap[1]) : null,
    unprivilegedPortStart: /^\d+\s*$/.test(start) ? Number(start) : process.platform === 'linux' ? 1024 : 0,
    lowest
  })
  if (problem) throw new AppError('FORBIDDEN', problem)
}
