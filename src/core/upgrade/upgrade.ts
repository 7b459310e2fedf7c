import type { Operation } from '../../shared/contract/operations'
import type { UpgradePlan } from '../../shared/contract/upgrade'
import { AppError, toAppError } from '../../shared/errors'
import type { ConfigService } from '../config/config-service'
import type { EtcdService } from '../etcd/etcd'
import { pathExists } from '../fs-safe'
import type { NodeRecord } from '../nodes/model'
import type { NodeService } from '../nodes/nodes'
import type { OperationHandle, OperationsService } from '../operations/types'
import { instancePaths } from '../paths'
import type { TalosApi } from '../talos/talos-api'
import type { LifecycleTiming } from '../cluster/timing'
import { createKubernetesUpgrade } from './kubernetes'
import { nodeStep, planUpgrade, resumeCommand, type PlannedNode, type UpgradeTarget } from './plan'
import { runningVersion, upgradeOne } from './rolling'
import type { UpgradeCalls } from './talos-calls'

export interface UpgradeServiceDeps {
  dataDir: string
  config: ConfigService
  nodes: NodeService
  talos: TalosApi
  calls: UpgradeCalls
  etcd: EtcdService
  operations: OperationsService
  timing: LifecycleTiming
}

export const SNAPSHOT_STEP = 'etcd snapshot'
export const RECORD_STEP = 'record versions'

export type UpgradeService = ReturnType<typeof createUpgradeService>

/**
 * Rolling Talos upgrades as operations: an etcd snapshot first, then node by node (control planes
 * first), each checked before the next; the first failure stops the run and says how to continue.
 * The recorded versions in config.yaml change only after success.
 */
export function createUpgradeService(deps: UpgradeServiceDeps) {
  const paths = (instance: string) => instancePaths(deps.dataDir, instance)

  async function talosconfigOf(instance: string): Promise<string> {
    const file = paths(instance).talosconfig
    if (!(await pathExists(file))) {
      throw new AppError('NOT_FOUND', 'This instance has no talosconfig yet. Set up a control-plane node and bootstrap first.')
    }
    return file
  }

  async function targetOf(instance: string, o: { talosVersion?: string; schematicId?: string | null }): Promise<UpgradeTarget> {
    const s = await deps.config.settings(instance)
    return { talosVersion: o.talosVersion ?? s.talosVersion, schematicId: o.schematicId === undefined ? s.schematicId : o.schematicId }
  }

  /** Asks every set-up node its version; a node that does not answer is listed with why. */
  async function plan(instance: string, o: { talosVersion?: string; schematicId?: string | null } = {}): Promise<UpgradePlan> {
    const settings = await deps.config.settings(instance)
    const target = await targetOf(instance, o)
    const talosconfig = await talosconfigOf(instance)
    const records = (await deps.nodes.records(instance)).filter((n) => n.deployed && n.targetIp)
    const asked = await Promise.all(
      records.map(async (n) => {
        try {
          return { n, version: await runningVersion(deps.talos, n.targetIp!, talosconfig), problem: null }
        } catch (e) {
          return { n, version: null, problem: toAppError(e).message }
        }
      })
    )
    const planned = planUpgrade(
      asked.map((a) => ({ node: a.n, runningVersion: a.version, schematicId: a.n.schematicId ?? settings.schematicId })),
      target
    )
    return {
      talosVersion: settings.talosVersion,
      kubernetesVersion: settings.kubernetesVersion,
      schematicId: settings.schematicId,
      target,
      nodes: planned.map((p) => ({ ...p, runningVersion: p.from, problem: asked.find((a) => a.n.hostname === p.hostname)?.problem ?? null }))
    }
  }

  async function runNodes(instance: string, nodes: PlannedNode[], target: UpgradeTarget, resume: string, op: OperationHandle): Promise<void> {
    const talosconfig = await talosconfigOf(instance)
    const controlPlanes = (await deps.nodes.records(instance)).filter((n) => n.role === 'controlplane' && n.deployed).map((n) => n.hostname)
    await op.step(SNAPSHOT_STEP, async () => {
      const meta = await deps.etcd.snapshotWithin(instance, op)
      op.log(`etcd snapshot saved (${meta.sizeBytes} bytes from ${meta.node}): restore with wild etcd restore-help`)
    })
    const todo = nodes.filter((n) => n.action === 'upgrade').length
    let done = 0
    for (const node of nodes) {
      if (node.action === 'skip') {
        op.skip(nodeStep(node.hostname), `already at ${target.talosVersion}`)
        continue
      }
      // op.step refuses to start once cancelled: the cancel takes effect here, between nodes.
      await op.step(nodeStep(node.hostname), async () => {
        await upgradeOne(deps, { node, target, talosconfig, controlPlanes, resume }, op)
        await deps.nodes.mark(instance, node.hostname, { version: target.talosVersion, schematicId: target.schematicId })
      })
      op.progress(Math.round((++done / Math.max(1, todo)) * 95))
    }
  }

  function steps(nodes: PlannedNode[]): string[] {
    return [SNAPSHOT_STEP, ...nodes.map((n) => nodeStep(n.hostname)), RECORD_STEP]
  }

  /** The whole cluster, control planes first; nodes already at the target are skipped. */
  async function cluster(instance: string, o: { talosVersion?: string; schematicId?: string | null } = {}): Promise<Operation> {
    const p = await plan(instance, o)
    const silent = p.nodes.filter((n) => n.problem)
    if (silent.length) {
      throw new AppError('NODE_UNREACHABLE', `Every node must answer before a rolling upgrade; ${silent.map((n) => `${n.hostname}: ${n.problem}`).join('; ')}`)
    }
    const nodes: PlannedNode[] = p.nodes.map((n) => ({ hostname: n.hostname, role: n.role, ip: n.ip, from: n.runningVersion, action: n.action }))
    const resume = resumeCommand(p.target)
    return deps.operations.start({ type: 'talos-upgrade', instance, target: `all nodes → ${p.target.talosVersion}`, steps: steps(nodes) }, async (op) => {
      await runNodes(instance, nodes, p.target, resume, op)
      await op.step(RECORD_STEP, async () => {
        await deps.config.updateSettings(instance, { talosVersion: p.target.talosVersion, schematicId: p.target.schematicId })
        // Every node now follows the cluster's version again.
        for (const n of nodes) await deps.nodes.mark(instance, n.hostname, { version: null, schematicId: null })
      })
      op.progress(100)
      op.message(`Every node runs Talos ${p.target.talosVersion}.`)
    })
  }

  /** One node; its own version is recorded on it (the cluster's stays until the cluster upgrade). */
  async function node(instance: string, hostname: string, o: { talosVersion?: string; schematicId?: string | null } = {}): Promise<Operation> {
    const p = await plan(instance, o)
    const n = p.nodes.find((x) => x.hostname === hostname)
    if (!n) {
      const rec: NodeRecord | undefined = (await deps.nodes.records(instance)).find((x) => x.hostname === hostname)
      if (rec) throw new AppError('VALIDATION', `${hostname} is not set up yet (state: ${rec.state}); only a running node can be upgraded.`)
      throw new AppError('NOT_FOUND', `There is no node "${hostname}". List the nodes with: wild node list`)
    }
    if (n.problem) throw new AppError('NODE_UNREACHABLE', `${hostname} must answer before it is upgraded: ${n.problem}`)
    const planned: PlannedNode = { hostname, role: n.role, ip: n.ip, from: n.runningVersion, action: 'upgrade' }
    const resume = resumeCommand(p.target, hostname)
    return deps.operations.start({ type: 'talos-upgrade', instance, target: `${hostname} → ${p.target.talosVersion}`, steps: steps([planned]) }, async (op) => {
      await runNodes(instance, [planned], p.target, resume, op)
      op.skip(RECORD_STEP, 'recorded on the node')
      op.progress(100)
      op.message(`${hostname} runs Talos ${p.target.talosVersion}.`)
    })
  }

  return { plan, cluster, node, ...createKubernetesUpgrade({ ...deps, talosconfigOf }) }
}
