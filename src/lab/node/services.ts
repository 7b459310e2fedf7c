import type { LabFile } from '../model'
import { clusterBootstrapped } from '../resources/catalog'
import type { MachineView } from '../stage'

/**
 * The Talos services a simulated machine runs, as `talosctl services` lists them (Talos docs,
 * "Logging" and "Troubleshooting"): machined is a goroutine without a health check ("?"),
 * dashboard a process without one; etcd and trustd only on control planes. etcd waits in
 * "Preparing" until the cluster is bootstrapped and is stopped once its member left.
 */

export interface LabService {
  id: string
  state: string
  health: 'OK' | '?' | 'Fail'
  /** Seconds after boot of the last change. */
  changedAfterS: number
  lastEvent: string
}

const HEALTHY = 'Health check successful'

export function servicesOf(view: MachineView, lab: LabFile): LabService[] {
  const m = view.machine
  const cp = m.role === 'controlplane'
  const booting = view.stage === 'booting'
  const ok = (id: string, after: number): LabService =>
    booting
      ? { id, state: 'Waiting', health: '?', changedAfterS: after, lastEvent: 'Waiting for service "cri" to be "up"' }
      : { id, state: 'Running', health: 'OK', changedAfterS: after, lastEvent: HEALTHY }
  const list: LabService[] = [
    { id: 'apid', state: 'Running', health: 'OK', changedAfterS: 5, lastEvent: HEALTHY },
    { id: 'containerd', state: 'Running', health: 'OK', changedAfterS: 1, lastEvent: HEALTHY },
    { id: 'cri', state: 'Running', health: 'OK', changedAfterS: 5, lastEvent: HEALTHY },
    { id: 'dashboard', state: 'Running', health: '?', changedAfterS: 2, lastEvent: 'Process Process(["/sbin/dashboard"]) started with PID 2000' }
  ]
  if (cp) list.push(etcd(view, lab))
  list.push(ok('kubelet', 13))
  list.push({ id: 'machined', state: 'Running', health: '?', changedAfterS: 0, lastEvent: 'Service started as goroutine' })
  list.push({ id: 'syslogd', state: 'Running', health: '?', changedAfterS: 0, lastEvent: 'Service started as goroutine' })
  if (cp) list.push({ id: 'trustd', state: 'Running', health: 'OK', changedAfterS: 5, lastEvent: HEALTHY })
  list.push({ id: 'udevd', state: 'Running', health: 'OK', changedAfterS: 3, lastEvent: HEALTHY })
  return list
}

function etcd(view: MachineView, lab: LabFile): LabService {
  const m = view.machine
  if (m.etcdRemoved) return { id: 'etcd', state: 'Finished', health: '?', changedAfterS: 60, lastEvent: 'Service finished successfully' }
  if (view.stage !== 'running' || !clusterBootstrapped(m, lab)) {
    return { id: 'etcd', state: 'Preparing', health: '?', changedAfterS: 6, lastEvent: 'Running pre state' }
  }
  return { id: 'etcd', state: 'Running', health: 'OK', changedAfterS: 120, lastEvent: HEALTHY }
}

/** Go's time.Duration text rounded to seconds: 45s, 5m51s, 1h2m3s. */
export function goDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (h) return `${h}h${m}m${s}s`
  if (m) return `${m}m${s}s`
  return `${s}s`
}
