import * as args from '../talos-args'
import { defineCall, read } from './define'
import { credentials } from './read'

/** What changes a machine or the cluster: apply-config, bootstrap, kubeconfig, health, reset, etcd snapshot. */

const NODE = { node: '127.0.10.11', talosconfig: 'o/talosconfig' }

/** Resolves with talosctl's stderr summary ("Applied configuration …", dry-run notes, warnings). */
export const applyConfigCall = defineCall({
  name: 'apply-config',
  lab: ['apply-config'],
  args: args.applyConfigArgs,
  timeoutMs: 120_000,
  talosconfig: (i: Parameters<typeof args.applyConfigArgs>[0]) => credentials(i.target),
  output: (r) => ({ summary: r.stderr.trim() }),
  example: { target: { node: '127.0.10.12', insecure: true }, file: 'o/worker.yaml' }
})

export const bootstrapCall = defineCall({
  name: 'bootstrap',
  lab: ['bootstrap'],
  args: args.bootstrapArgs,
  timeoutMs: 60_000,
  talosconfig: (t: args.Target) => t.talosconfig,
  output: read.nothing,
  example: NODE
})

/** Writes the kubeconfig file (0600, never merged into ~/.kube/config). */
export const kubeconfigCall = defineCall({
  name: 'kubeconfig',
  lab: ['kubeconfig'],
  args: args.kubeconfigArgs,
  timeoutMs: 60_000,
  talosconfig: (i: Parameters<typeof args.kubeconfigArgs>[0]) => i.target.talosconfig,
  output: (_r, i) => i.output,
  example: { target: NODE, output: 'o/kubeconfig' }
})

/** Progress lines arrive on stderr (health.ts parses them); the wait-timeout plus slack lets talosctl give its own verdict first. */
export const healthCall = defineCall({
  name: 'health',
  lab: ['health'],
  args: args.healthArgs,
  timeoutMs: (i: Parameters<typeof args.healthArgs>[0]) => args.HealthInput.parse(i).waitTimeoutMs + 60_000,
  talosconfig: (i) => i.target.talosconfig,
  output: read.nothing,
  example: { target: NODE, controlPlaneNodes: ['127.0.10.11'], workerNodes: ['127.0.10.12'], waitTimeoutMs: 60_000 }
})

export const resetCall = defineCall({
  name: 'reset',
  lab: ['reset'],
  args: args.resetArgs,
  timeoutMs: 120_000,
  talosconfig: (i: Parameters<typeof args.resetArgs>[0]) => credentials(i.target),
  output: read.nothing,
  example: { target: { node: '127.0.10.12', talosconfig: 'o/talosconfig' }, graceful: false, reboot: true, wipeMode: 'all' }
})

/** Streams an etcd snapshot of one control-plane node to `path` (tens to hundreds of MB); returns talosctl's summary lines. */
export const etcdSnapshotCall = defineCall({
  name: 'etcd snapshot',
  lab: ['etcd', 'snapshot'],
  args: args.etcdSnapshotArgs,
  timeoutMs: 600_000,
  talosconfig: (i: Parameters<typeof args.etcdSnapshotArgs>[0]) => i.target.talosconfig,
  output: read.stdoutTrimmed,
  example: { target: NODE, path: 'o/etcd.snapshot' }
})
