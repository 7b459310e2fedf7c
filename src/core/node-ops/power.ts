import { AppError } from '../../shared/errors'
import type { LifecycleTiming } from '../cluster/timing'
import { formatDuration, pollUntil } from '../cluster/wait'
import type { OperationHandle } from '../operations/types'
import type { NodeRef } from './resolve'
import type { NodeTalos } from './talos-node'

/**
 * Reboot and shutdown as operations. A reboot is done when the node went quiet and then answers
 * again with kubelet (and on a control plane etcd) running; a shutdown when it stops answering.
 */

export const REBOOT_STEPS = ['Reboot', 'Wait for the node to go down', 'Wait for the node to come back']
export const SHUTDOWN_STEPS = ['Shut down', 'Wait for the node to stop answering']

export interface PowerDeps {
  talos: Pick<NodeTalos, 'reboot' | 'shutdown' | 'services'>
  talosconfig: string
  timing: LifecycleTiming
}

type Look = { state: 'down' } | { state: 'up' | 'starting'; bootedAt: number | null }

/** "5m51s ago" → ms; null when it does not read as a Go duration. */
export function agoMs(text: string): number | null {
  const m = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+)ms)?\s+ago$/.exec(text.trim())
  if (!m || !m.slice(1).some(Boolean)) return null
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000 + Number(m[4] ?? 0)
}

/**
 * Up when kubelet (and etcd on a control plane) run. The boot time is read from machined's
 * last change (it starts with the machine), so a reboot is seen even when the node was down
 * for less than one look.
 */
async function look(d: PowerDeps, n: NodeRef, signal: AbortSignal): Promise<Look> {
  try {
    const list = await d.talos.services({ target: { node: n.ip, talosconfig: d.talosconfig }, signal })
    const needed = n.role === 'controlplane' ? ['kubelet', 'etcd'] : ['kubelet']
    const up = needed.every((s) => list.find((x) => x.service === s)?.state === 'Running')
    const ago = agoMs(list.find((x) => x.service === 'machined')?.lastChange ?? '')
    return { state: up ? 'up' : 'starting', bootedAt: ago === null ? null : Date.now() - ago }
  } catch (e) {
    if (signal.aborted) throw e
    if (e instanceof AppError && ['NODE_UNREACHABLE', 'TIMEOUT'].includes(e.code)) return { state: 'down' }
    throw e
  }
}

/** A later boot than `before` (2 s of rounding allowed); unknown counts as not rebooted. */
const bootedSince = (l: Look, before: number | null): boolean => l.state !== 'down' && l.bootedAt !== null && before !== null && l.bootedAt > before + 2000

function waitFor(d: PowerDeps, n: NodeRef, op: OperationHandle, done: (l: Look) => boolean, timeoutMs: number, what: string): Promise<Look> {
  return pollUntil(
    async () => {
      const l = await look(d, n, op.signal)
      return done(l) ? l : undefined
    },
    {
      intervalMs: d.timing.pollMs,
      timeoutMs,
      signal: op.signal,
      onTimeout: (ms) => new AppError('TIMEOUT', `${n.hostname} (${n.ip}) did not ${what} within ${formatDuration(ms)}. Check its console.`)
    }
  )
}

export async function runReboot(d: PowerDeps, n: NodeRef, op: OperationHandle): Promise<void> {
  const target = { node: n.ip, talosconfig: d.talosconfig }
  let bootedAt: number | null = null
  await op.step('Reboot', async () => {
    const first = await look(d, n, op.signal)
    bootedAt = first.state === 'down' ? null : first.bootedAt
    op.message(`Rebooting ${n.hostname} (${n.ip})…`)
    await d.talos.reboot({ target, signal: op.signal })
  })
  op.progress(30)
  await op.step('Wait for the node to go down', () =>
    waitFor(d, n, op, (l) => l.state === 'down' || bootedSince(l, bootedAt), d.timing.rebootTimeoutMs, 'go down for the reboot')
  )
  op.progress(60)
  await op.step('Wait for the node to come back', async () => {
    op.message(`Waiting for ${n.hostname} to come back…`)
    await waitFor(d, n, op, (l) => l.state === 'up', d.timing.answerTimeoutMs, 'come back with its services running')
  })
  op.message(`${n.hostname} rebooted and runs again.`)
}

export async function runShutdown(d: PowerDeps, n: NodeRef, op: OperationHandle): Promise<void> {
  await op.step('Shut down', async () => {
    op.message(`Shutting ${n.hostname} (${n.ip}) down…`)
    await d.talos.shutdown({ target: { node: n.ip, talosconfig: d.talosconfig }, signal: op.signal })
  })
  op.progress(50)
  await op.step('Wait for the node to stop answering', () => waitFor(d, n, op, (l) => l.state === 'down', d.timing.rebootTimeoutMs, 'power off'))
  op.message(`${n.hostname} is shut down. Power it on at the machine to bring it back.`)
}
