import type { LabFile, Machine, Stage, Timing, UnreachableKind } from './model'
import { configVips } from './config-facts'

/**
 * Where a machine is in its life right now. Stages advance with time since a transition began,
 * so no background process is needed: every talosctl call computes the same answer.
 */
export interface MachineView {
  machine: Machine
  stage: Stage
  /** The address apid or the maintenance server answers at now; null while it is quiet. */
  answersAt: string | null
  /** How it answers: maintenance (no client cert) or apid (mTLS). */
  api: 'maintenance' | 'apid' | null
  /** RFC 3339 time of the last boot: resources' created/updated stamps. */
  bootedAt: string
}

export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}

function settledView(m: Machine): MachineView {
  const quiet = m.poweredOff || m.stage === 'installing' || m.stage === 'rebooting'
  return {
    machine: m,
    stage: m.stage,
    answersAt: quiet ? null : m.ip,
    api: quiet ? null : m.configured ? 'apid' : 'maintenance',
    bootedAt: m.bootedAt
  }
}

export function viewMachine(m: Machine, now: number, timing: Timing): MachineView {
  const t = m.transition
  if (!t) return settledView(m)
  const elapsed = now - t.startedAt
  const quiet = (stage: Stage): MachineView => ({ machine: m, stage, answersAt: null, api: null, bootedAt: m.bootedAt })
  if (t.kind === 'reset') {
    if (elapsed < timing.rebootDelayMs) return quiet('rebooting')
    const bootedAt = isoSeconds(t.startedAt + timing.rebootDelayMs)
    if (t.powerOff) return { ...quiet('maintenance'), bootedAt }
    return { machine: m, stage: 'maintenance', answersAt: m.ip, api: 'maintenance', bootedAt }
  }
  const installMs = t.kind === 'install' ? timing.installDelayMs : 0
  // An upgrade whose new system does not boot: the machine stays quiet until the test clears it.
  if (t.kind === 'reboot' && m.faults.bootHangs) return quiet('rebooting')
  if (t.kind === 'install' && (elapsed < installMs || m.installError)) return quiet('installing')
  if (elapsed < installMs + timing.rebootDelayMs) return quiet('rebooting')
  const bootedAt = isoSeconds(t.startedAt + installMs + timing.rebootDelayMs)
  const stage: Stage = elapsed < installMs + timing.rebootDelayMs + timing.bootDelayMs ? 'booting' : 'running'
  return { machine: m, stage, answersAt: m.ip, api: 'apid', bootedAt }
}

/** Folds a finished transition into the stored fields, so writers start from a settled machine. */
export function settleMachine(m: Machine, now: number, timing: Timing): Machine {
  if (!m.transition) return m
  const v = viewMachine(m, now, timing)
  if (v.stage !== 'running' && v.stage !== 'maintenance') return m
  const { transition, ...rest } = m
  return { ...rest, stage: v.stage, bootedAt: v.bootedAt, poweredOff: transition.kind === 'reset' && !!transition.powerOff }
}

export type Located = { kind: 'machine'; view: MachineView; index: number } | { kind: 'unreachable'; reason: UnreachableKind }

/** Which machine a dial to `ip` reaches now, or how the dial fails. */
export function locate(lab: LabFile, ip: string, now: number): Located {
  const views = lab.machines.map((m) => viewMachine(m, now, lab.timing))
  const direct = views.findIndex((v) => v.answersAt === ip)
  if (direct >= 0) return { kind: 'machine', view: views[direct]!, index: direct }
  // A control-plane VIP answers once etcd is up, i.e. after bootstrap.
  const vip = views.findIndex(
    (v) => v.api === 'apid' && v.machine.bootstrapped && v.machine.role === 'controlplane' && configVips(v.machine.config).includes(ip)
  )
  if (vip >= 0) return { kind: 'machine', view: views[vip]!, index: vip }
  for (const v of views) {
    const m = v.machine
    if (v.stage === 'installing' && m.transition?.fromIp === ip) return { kind: 'unreachable', reason: 'refused' }
    if (v.answersAt === null && (m.ip === ip || m.transition?.fromIp === ip)) return { kind: 'unreachable', reason: 'no-route' }
  }
  return { kind: 'unreachable', reason: lab.absentHost }
}
