import { AppError, toAppError, type ErrorCode } from '../../shared/errors'
import type { OperationHandle } from '../operations/types'
import type { TalosApi } from '../talos/talos-api'
import { pollUntil } from '../cluster/wait'
import type { LifecycleTiming } from '../cluster/timing'
import { installerImage } from '../cluster/patch'
import type { PlannedNode, UpgradeTarget } from './plan'
import type { UpgradeCalls } from './talos-calls'

/**
 * One node of a rolling upgrade: `talosctl upgrade --wait`, then the checks before the next node
 * may go: back at the new version, ready, and (control planes) etcd lists every member again.
 * Every failure names the node, the reason and how to continue.
 */

export interface RollingDeps {
  talos: TalosApi
  calls: UpgradeCalls
  timing: LifecycleTiming
}

export interface NodeJob {
  node: PlannedNode
  target: UpgradeTarget
  talosconfig: string
  /** Hostnames of every set-up control plane: etcd must list them all afterwards. */
  controlPlanes: string[]
  /** What to run to continue after a stop. */
  resume: string
}

export function nodeFailure(job: NodeJob, what: string, cause?: unknown, code: ErrorCode = 'TIMEOUT'): AppError {
  const why = cause === undefined ? '' : `: ${toAppError(cause).message}`
  return new AppError(
    cause === undefined ? code : toAppError(cause).code,
    `${job.node.hostname} (${job.node.ip}) ${what}${why} The upgrade stopped there; nodes after it were not touched. ` +
      `Check the machine's console; once it runs again, continue with: ${job.resume}`,
    cause instanceof AppError ? cause.details : undefined
  )
}

export async function runningVersion(talos: TalosApi, ip: string, talosconfig: string, signal?: AbortSignal): Promise<string | null> {
  const v = await talos.version({ node: ip, talosconfig, signal, timeoutMs: 10_000 })
  return v.servers[0]?.tag ?? null
}

export async function upgradeOne(deps: RollingDeps, job: NodeJob, op: OperationHandle): Promise<void> {
  const { node, target, talosconfig } = job
  const call = { ip: node.ip, talosconfig }
  const image = installerImage(target.talosVersion, target.schematicId)
  op.message(`Upgrading ${node.hostname} (${node.ip}) to ${target.talosVersion}…`)
  op.log(`${node.hostname}: talosctl upgrade --image ${image}`)
  try {
    // No op.signal here: a cancel lets the node finish, so it is never left half-way.
    await deps.calls.upgrade(
      { ...call, image, waitMs: deps.timing.rebootTimeoutMs },
      { onLine: (_s, line) => line.trim() && op.log(`${node.hostname}: ${line.trim()}`) }
    )
  } catch (e) {
    throw nodeFailure(job, `did not come back from the upgrade to ${target.talosVersion}`, e)
  }
  op.message(`${node.hostname} is back; checking its version, readiness and etcd…`)
  const wait = { intervalMs: deps.timing.pollMs, timeoutMs: deps.timing.answerTimeoutMs }
  const version = await runningVersion(deps.talos, node.ip, talosconfig).catch((e) => {
    throw nodeFailure(job, 'does not answer after the upgrade', e)
  })
  if (version !== target.talosVersion)
    throw nodeFailure(job, `came back running ${version ?? 'an unknown version'}, not ${target.talosVersion}.`, undefined, 'CONFLICT')
  await pollUntil(
    async () => {
      const status = await deps.talos.machineStatus({ node: node.ip, talosconfig }).catch(() => null)
      return status?.spec.status.ready ? true : undefined
    },
    { ...wait, onTimeout: () => nodeFailure(job, 'is back at the new version but does not report ready.') }
  )
  if (node.role !== 'controlplane') return
  const members = await pollUntil(
    async () => {
      const listed = await deps.calls.etcdMembers(call).catch(() => [])
      const names = new Set(listed.map((m) => m.hostname))
      return job.controlPlanes.every((h) => names.has(h)) ? listed : undefined
    },
    { ...wait, onTimeout: () => nodeFailure(job, `is back, but etcd does not list every control plane (${job.controlPlanes.join(', ')}).`) }
  )
  op.log(`${node.hostname}: etcd members: ${members.map((m) => m.hostname).join(', ')}`)
}
