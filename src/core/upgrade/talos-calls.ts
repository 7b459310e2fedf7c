import { z } from 'zod'
import { parseMembers as parseEtcdMembers } from '../node-ops/talos-node'
import type { LineSink, TalosRunner } from '../talos/runner'
import { FilePath, targetArgs } from '../talos/talos-args'

/**
 * The talosctl calls of an upgrade, through the shared runner (execa, arg arrays, timeouts,
 * AbortSignal). Kept beside the upgrade so the shared talos-api file is not a merge hot-spot.
 */

const Image = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9./:@_-]*$/, 'Not an image reference')
const K8sVersion = z.string().regex(/^\d{1,3}\.\d{1,3}\.\d{1,3}$/, 'Kubernetes version like 1.34.1 expected')

export interface NodeCall {
  ip: string
  talosconfig: string
}

/** Go duration text for talosctl's --timeout. */
function goDuration(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))}s`
}

export function upgradeArgs(i: NodeCall & { image: string; waitMs: number }): string[] {
  return ['upgrade', '--image', Image.parse(i.image), '--preserve', '--wait', '--timeout', goDuration(i.waitMs), ...targetArgs({ node: i.ip })]
}

export function upgradeK8sArgs(i: NodeCall & { to: string; dryRun: boolean }): string[] {
  return ['upgrade-k8s', '--to', K8sVersion.parse(i.to.replace(/^v/, '')), ...(i.dryRun ? ['--dry-run'] : []), ...targetArgs({ node: i.ip })]
}

/** The members `etcd members` lists, by the node-ops parser (header checked, one row per id). */
export function parseMembers(stdout: string): { hostname: string; id: string }[] {
  return parseEtcdMembers(stdout).map(({ id, hostname }) => ({ id, hostname }))
}

export type UpgradeCalls = ReturnType<typeof createUpgradeCalls>

export function createUpgradeCalls(runner: TalosRunner) {
  const opts = (c: NodeCall, timeoutMs: number, o: { signal?: AbortSignal; onLine?: LineSink }) => ({
    talosconfig: FilePath.parse(c.talosconfig),
    timeoutMs,
    signal: o.signal,
    onLine: o.onLine
  })
  return {
    /** `talosctl upgrade --wait`: returns once the node runs again, or fails at the timeout. */
    async upgrade(i: NodeCall & { image: string; waitMs: number }, o: { signal?: AbortSignal; onLine?: LineSink } = {}): Promise<void> {
      await runner.run(upgradeArgs(i), opts(i, i.waitMs + 60_000, o))
    },
    /** `talosctl upgrade-k8s`; returns its output lines. */
    async upgradeK8s(i: NodeCall & { to: string; dryRun: boolean }, o: { signal?: AbortSignal; onLine?: LineSink } = {}): Promise<string[]> {
      const { stdout } = await runner.run(upgradeK8sArgs(i), opts(i, 30 * 60_000, o))
      return stdout.split('\n').filter((l) => l.trim() !== '')
    },
    async etcdMembers(c: NodeCall, o: { signal?: AbortSignal } = {}): Promise<{ hostname: string; id: string }[]> {
      const { stdout } = await runner.run(['etcd', 'members', ...targetArgs({ node: c.ip })], opts(c, 20_000, o))
      return parseMembers(stdout)
    }
  }
}
