import { z } from 'zod'
import type { ResourceKind } from './resources'

/**
 * Argument lists for every talosctl call the product makes, as pure functions over
 * zod-checked inputs. Nothing goes through a shell, but a value starting with "-" would still be
 * read as a flag: checked values (paths, addresses, versions) never start with "-", and free text
 * (config patches, which may be a YAML list "- op: …") is passed as `--flag=value`.
 */

const notFlag = (what: string) =>
  z
    .string()
    .min(1, `${what} is required`)
    .refine((s) => !s.startsWith('-'), `${what} must not start with "-"`)
    .refine((s) => !/[\0\n]/.test(s), `${what} must be one line`)

export const FilePath = notFlag('A file path')
/** An IP address or a DNS name of a machine; no ports, no lists. */
export const NodeAddress = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9.:-]*$/, 'Not a machine address (like 192.168.1.50)')
  .max(253)

export const Target = z.object({
  node: NodeAddress,
  /** Maintenance mode: no credentials, the server's certificate is not checked. */
  insecure: z.boolean().default(false),
  /** The instance's talosconfig; ignored under `insecure`. */
  talosconfig: FilePath.optional(),
  /** Where to connect when it differs from the node (defaults to the node itself). */
  endpoint: NodeAddress.optional()
})
export type Target = z.input<typeof Target>

export function targetArgs(input: Target): string[] {
  const t = Target.parse(input)
  // With --insecure, -n values are the endpoints and no node metadata is sent (reference §0).
  if (t.insecure) return ['--insecure', '-n', t.node]
  return ['-e', t.endpoint ?? t.node, '-n', t.node]
}

export function getArgs(kind: ResourceKind, target: Target, id?: string): string[] {
  const idArg = id === undefined ? [] : [notFlag('A resource id').parse(id)]
  return ['get', kind, ...idArg, ...targetArgs(target), '-o', 'json']
}

export const GenSecretsInput = z.object({ output: FilePath, force: z.boolean().default(false) })
export function genSecretsArgs(input: z.input<typeof GenSecretsInput>): string[] {
  const i = GenSecretsInput.parse(input)
  return ['gen', 'secrets', '-o', i.output, ...(i.force ? ['--force'] : [])]
}

const Patch = z.string().min(1, 'A config patch is empty')
export const GenConfigInput = z.object({
  clusterName: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, 'Cluster name: lower-case letters, digits and hyphens')
    .max(63),
  endpoint: z.string().regex(/^https:\/\/[A-Za-z0-9.:[\]-]+:\d+$/, 'Endpoint must look like https://192.168.1.40:6443'),
  secretsFile: FilePath,
  /** Pinned: the config contract, e.g. v1.11 or v1.11.6. */
  talosVersion: z.string().regex(/^v\d+\.\d+(\.\d+)?$/, 'Talos version like v1.11.6'),
  /** Pinned: e.g. 1.34.1. */
  kubernetesVersion: z.string().regex(/^v?\d+\.\d+\.\d+$/, 'Kubernetes version like 1.34.1'),
  outputDir: FilePath,
  /** `@file` or inline YAML/JSON6902, applied to both roles. */
  configPatches: z.array(Patch).default([]),
  configPatchesControlPlane: z.array(Patch).default([]),
  configPatchesWorker: z.array(Patch).default([]),
  installDisk: FilePath.optional(),
  installImage: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9./:@_-]*$/, 'Not an image reference')
    .optional(),
  additionalSans: z.array(NodeAddress).default([]),
  force: z.boolean().default(false)
})
export function genConfigArgs(input: z.input<typeof GenConfigInput>): string[] {
  const i = GenConfigInput.parse(input)
  return [
    'gen',
    'config',
    i.clusterName,
    i.endpoint,
    '--with-secrets',
    i.secretsFile,
    '--talos-version',
    i.talosVersion,
    '--kubernetes-version',
    i.kubernetesVersion,
    '--output',
    i.outputDir,
    // Compact YAML: the operator reads these files, and docs/examples make diffs noisy.
    '--with-docs=false',
    '--with-examples=false',
    ...i.configPatches.map((p) => `--config-patch=${p}`),
    ...i.configPatchesControlPlane.map((p) => `--config-patch-control-plane=${p}`),
    ...i.configPatchesWorker.map((p) => `--config-patch-worker=${p}`),
    ...(i.installDisk ? ['--install-disk', i.installDisk] : []),
    ...(i.installImage ? ['--install-image', i.installImage] : []),
    ...(i.additionalSans.length ? ['--additional-sans', i.additionalSans.join(',')] : []),
    ...(i.force ? ['--force'] : [])
  ]
}

export const PatchInput = z.object({ file: FilePath, patches: z.array(Patch).min(1), output: FilePath.optional() })
export function machineconfigPatchArgs(input: z.input<typeof PatchInput>): string[] {
  const i = PatchInput.parse(input)
  return ['machineconfig', 'patch', i.file, ...i.patches.map((p) => `--patch=${p}`), ...(i.output ? ['--output', i.output] : [])]
}

/** `talosctl validate`: checks a machine config as the client's Talos version reads it. */
export const ValidateInput = z.object({ file: FilePath, mode: z.enum(['metal', 'cloud', 'container']).default('metal') })
export function validateArgs(input: z.input<typeof ValidateInput>): string[] {
  const i = ValidateInput.parse(input)
  return ['validate', '--config', i.file, '--mode', i.mode]
}

export const ApplyMode = z.enum(['auto', 'no-reboot', 'reboot', 'staged', 'try'])
export const ApplyInput = z
  .object({
    target: Target,
    file: FilePath,
    mode: ApplyMode.default('auto'),
    dryRun: z.boolean().default(false),
    /** SHA-256 fingerprint of the maintenance certificate the console shows, to pin it. */
    certFingerprint: z
      .string()
      .regex(/^[A-Za-z0-9:+/=]+$/)
      .optional()
  })
  .refine((i) => !(i.target.insecure && !['auto', 'reboot', 'try'].includes(i.mode)), {
    message: 'A machine in maintenance mode accepts only the modes auto, reboot and try',
    path: ['mode']
  })
export function applyConfigArgs(input: z.input<typeof ApplyInput>): string[] {
  const i = ApplyInput.parse(input)
  return [
    'apply-config',
    ...targetArgs(i.target),
    '--file',
    i.file,
    '--mode',
    i.mode,
    ...(i.dryRun ? ['--dry-run'] : []),
    ...(i.certFingerprint ? ['--cert-fingerprint', i.certFingerprint] : [])
  ]
}

export function versionArgs(target: Target | null): string[] {
  return target ? ['version', ...targetArgs(target)] : ['version', '--client']
}

export function bootstrapArgs(target: Target): string[] {
  return ['bootstrap', ...targetArgs({ ...target, insecure: false })]
}

export const KubeconfigInput = z.object({ target: Target, output: FilePath, force: z.boolean().default(true) })
export function kubeconfigArgs(input: z.input<typeof KubeconfigInput>): string[] {
  const i = KubeconfigInput.parse(input)
  // --merge=false: the default merges into ~/.kube/config, which is touched only on request.
  return ['kubeconfig', i.output, ...targetArgs({ ...i.target, insecure: false }), '--merge=false', ...(i.force ? ['--force'] : [])]
}

export const HealthInput = z.object({
  target: Target,
  controlPlaneNodes: z.array(NodeAddress).default([]),
  workerNodes: z.array(NodeAddress).default([]),
  waitTimeoutMs: z
    .number()
    .int()
    .positive()
    .default(20 * 60_000)
})
export function healthArgs(input: z.input<typeof HealthInput>): string[] {
  const i = HealthInput.parse(input)
  return [
    'health',
    ...targetArgs({ ...i.target, insecure: false }),
    '--wait-timeout',
    `${Math.ceil(i.waitTimeoutMs / 1000)}s`,
    ...(i.controlPlaneNodes.length ? ['--control-plane-nodes', i.controlPlaneNodes.join(',')] : []),
    ...(i.workerNodes.length ? ['--worker-nodes', i.workerNodes.join(',')] : [])
  ]
}

export function configEndpointArgs(endpoints: string[]): string[] {
  return ['config', 'endpoint', ...z.array(NodeAddress).min(1).parse(endpoints)]
}
export function configNodeArgs(nodes: string[]): string[] {
  return ['config', 'node', ...z.array(NodeAddress).min(1).parse(nodes)]
}
export function configMergeArgs(file: string): string[] {
  return ['config', 'merge', FilePath.parse(file)]
}

export const ResetInput = z.object({
  target: Target,
  graceful: z.boolean().default(true),
  reboot: z.boolean().default(false),
  /** Return once the reset is accepted; the caller watches the machine itself. */
  wait: z.boolean().default(false),
  wipeMode: z.enum(['all', 'system-disk', 'user-disks']).optional(),
  systemLabelsToWipe: z.array(z.enum(['STATE', 'EPHEMERAL', 'META'])).default([])
})
export function resetArgs(input: z.input<typeof ResetInput>): string[] {
  const i = ResetInput.parse(input)
  return [
    'reset',
    ...targetArgs(i.target),
    `--graceful=${i.graceful}`,
    `--reboot=${i.reboot}`,
    `--wait=${i.wait}`,
    ...(i.wipeMode ? ['--wipe-mode', i.wipeMode] : []),
    ...i.systemLabelsToWipe.flatMap((l) => ['--system-labels-to-wipe', l])
  ]
}

export const EtcdSnapshotInput = z.object({ target: Target, path: FilePath })
/** talosctl streams to `<path>.part` and renames it to `path` at the end. */
export function etcdSnapshotArgs(input: z.input<typeof EtcdSnapshotInput>): string[] {
  const i = EtcdSnapshotInput.parse(input)
  return ['etcd', 'snapshot', i.path, ...targetArgs({ ...i.target, insecure: false })]
}
