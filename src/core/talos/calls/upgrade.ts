import { z } from 'zod'
import { FilePath, targetArgs } from '../talos-args'
import { defineCall } from './define'

/** Upgrades: `upgrade --wait` of one node's Talos and `upgrade-k8s` of the cluster. */

const Image = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9./:@_-]*$/, 'Not an image reference')
const K8sVersion = z.string().regex(/^\d{1,3}\.\d{1,3}\.\d{1,3}$/, 'Kubernetes version like 1.34.1 expected')

export interface UpgradeNode {
  ip: string
  talosconfig: string
}

/** Go duration text for talosctl's --timeout. */
function goDuration(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))}s`
}

export function upgradeArgs(i: UpgradeNode & { image: string; waitMs: number }): string[] {
  return ['upgrade', '--image', Image.parse(i.image), '--preserve', '--wait', '--timeout', goDuration(i.waitMs), ...targetArgs({ node: i.ip })]
}

export function upgradeK8sArgs(i: UpgradeNode & { to: string; dryRun: boolean }): string[] {
  return ['upgrade-k8s', '--to', K8sVersion.parse(i.to.replace(/^v/, '')), ...(i.dryRun ? ['--dry-run'] : []), ...targetArgs({ node: i.ip })]
}

const onNode = (i: UpgradeNode) => FilePath.parse(i.talosconfig)
const EXAMPLE = { ip: '127.0.10.11', talosconfig: 'o/talosconfig' }

/** Returns once the node runs again, or fails at its own timeout (plus a minute for talosctl to say so). */
export const upgradeCall = defineCall({
  name: 'upgrade',
  lab: ['upgrade'],
  args: upgradeArgs,
  timeoutMs: (i) => i.waitMs + 60_000,
  talosconfig: onNode,
  output: () => undefined,
  example: { ...EXAMPLE, image: 'factory.talos.dev/installer/abc:v1.11.6', waitMs: 600_000 }
})

/** Returns its output lines. */
export const upgradeK8sCall = defineCall({
  name: 'upgrade-k8s',
  lab: ['upgrade-k8s'],
  args: upgradeK8sArgs,
  timeoutMs: 30 * 60_000,
  talosconfig: onNode,
  output: (r) => r.stdout.split('\n').filter((l) => l.trim() !== ''),
  example: { ...EXAMPLE, to: '1.34.1', dryRun: true }
})
