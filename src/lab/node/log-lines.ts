import type { Machine } from '../model'
import { effectiveHostname } from '../resources/catalog'

/**
 * Plausible log lines per service and kernel messages, in the formats Talos prints them:
 * machined "[talos] …", etcd zap JSON, kubelet klog, containerd logfmt; kernel messages as
 * `talosctl dmesg` shows them ("kern:    info: [<RFC3339Nano>]: <msg>"). Deterministic for a
 * machine and a line number, so a test can check what it reads.
 */

function at(m: Machine, n: number): Date {
  return new Date(Date.parse(m.bootedAt) + n * 1370)
}

function nano(d: Date, n: number): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, (_x, ms: string) => `.${ms}${String(100_000 + ((n * 7919) % 900_000)).slice(0, 6)}Z`)
}

function klog(d: Date): string {
  const p = (v: number, w = 2) => String(v).padStart(w, '0')
  return `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}123`
}

const TALOS = [
  'task startAllServices (1/1): done',
  'service[kubelet](Running): Health check successful',
  'phase config (1/1): done',
  'controller runtime: ready',
  'node watch: node ready'
]
const ETCD = [
  '"published local member to cluster through raft"',
  '"ready to serve client requests"',
  '"compacted revision"',
  '"finished scheduled compaction"',
  '"saved snapshot"'
]
const KUBELET = [
  '"Successfully registered node"',
  '"SyncLoop (PLEG): event for pod"',
  '"Volume detached for volume"',
  '"RemoveContainer"',
  '"Node became ready"'
]
const KERNEL = [
  'Linux version 6.12.57-talos (root@buildkitsandbox) (gcc (GCC) 14.2.0) #1 SMP',
  'Command line: talos.platform=metal console=tty0 init_on_alloc=1 slab_nomerge pti=on',
  'e1000e 0000:00:1f.6 eth0: NIC Link is Up 1000 Mbps Full Duplex',
  'nvme nvme0: 8/0/0 default/read/poll queues',
  'xfs filesystem being mounted at /var supports timestamps until 2038',
  'IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready'
]

/** Line `n` of a service's log (without the node prefix). */
export function serviceLine(m: Machine, service: string, n: number): string {
  const d = at(m, n)
  switch (service) {
    case 'etcd':
      return `{"level":"info","ts":"${d.toISOString()}","caller":"etcdserver/server.go:${2000 + (n % 90)}","msg":${ETCD[n % ETCD.length]},"local-member-name":"${effectiveHostname(m)}"}`
    case 'kubelet':
      return `I${klog(d)}    ${1800 + (n % 40)} kubelet.go:${2400 + (n % 60)}] ${KUBELET[n % KUBELET.length]} node="${effectiveHostname(m)}"`
    case 'containerd':
    case 'cri':
      return `time="${d.toISOString()}" level=info msg="${n % 2 ? 'ImageCreate event' : 'StartContainer returns successfully'}"`
    default:
      return `[talos] ${TALOS[n % TALOS.length]} {"component": "${service}", "n": ${n}}`
  }
}

/** Kernel message `n` as `talosctl dmesg` formats it: "%s: %7s: [%s]: %s". */
export function kernelLine(m: Machine, n: number): string {
  const priority = n % 7 === 3 ? 'warning' : 'info'
  return `kern: ${priority.padStart(7)}: [${nano(at(m, n), n)}]: ${KERNEL[n % KERNEL.length]}`
}
