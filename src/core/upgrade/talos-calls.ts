import { callTalos, type CallOptions } from '../talos/calls/define'
import { etcdMembersCall } from '../talos/calls/node'
import { upgradeCall, upgradeK8sCall, type UpgradeNode } from '../talos/calls/upgrade'
import { parseMembers as parseEtcdMembers } from '../talos/calls/tables'
import type { TalosRunner } from '../talos/runner'

export { upgradeArgs, upgradeK8sArgs } from '../talos/calls/upgrade'

/**
 * The talosctl calls of an upgrade (declared in talos/calls/upgrade.ts), through the shared runner
 * (execa, arg arrays, timeouts, AbortSignal).
 */

export type NodeCall = UpgradeNode

/** The members `etcd members` lists, by the node-ops parser (header checked, one row per id). */
export function parseMembers(stdout: string): { hostname: string; id: string }[] {
  return parseEtcdMembers(stdout).map(({ id, hostname }) => ({ id, hostname }))
}

export type UpgradeCalls = ReturnType<typeof createUpgradeCalls>

type Opts = Pick<CallOptions, 'signal' | 'onLine'>

export function createUpgradeCalls(runner: TalosRunner) {
  return {
    /** `talosctl upgrade --wait`: returns once the node runs again, or fails at the timeout. */
    upgrade: (i: NodeCall & { image: string; waitMs: number }, o: Opts = {}): Promise<void> => callTalos(runner, upgradeCall, i, o),
    /** `talosctl upgrade-k8s`; returns its output lines. */
    upgradeK8s: (i: NodeCall & { to: string; dryRun: boolean }, o: Opts = {}): Promise<string[]> => callTalos(runner, upgradeK8sCall, i, o),
    async etcdMembers(c: NodeCall, o: { signal?: AbortSignal } = {}): Promise<{ hostname: string; id: string }[]> {
      // A shorter wait than node-ops: the upgrade asks between steps and retries.
      const members = await callTalos(runner, etcdMembersCall, { target: { node: c.ip, talosconfig: c.talosconfig } }, { ...o, timeoutMs: 20_000 })
      return members.map(({ id, hostname }) => ({ id, hostname }))
    }
  }
}
