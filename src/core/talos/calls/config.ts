import { join } from 'node:path'
import { AppError } from '@shared/errors'
import { multierrorReasons } from '../errors'
import * as args from '../talos-args'
import { defineCall, read } from './define'

/** Local calls that write or check files: gen secrets/config, machineconfig patch, validate, talosconfig edits. */

const LOCAL_MS = 30_000
const GEN_MS = 60_000

export const genSecretsCall = defineCall({
  name: 'gen secrets',
  lab: ['gen', 'secrets'],
  args: args.genSecretsArgs,
  timeoutMs: GEN_MS,
  output: read.nothing,
  example: { output: 'o/secrets.yaml' }
})

/** Writes controlplane.yaml, worker.yaml and talosconfig into outputDir (mode 0644: tighten after). */
export const genConfigCall = defineCall({
  name: 'gen config',
  lab: ['gen', 'config'],
  args: args.genConfigArgs,
  timeoutMs: GEN_MS,
  output: (_r, i: Parameters<typeof args.genConfigArgs>[0]) => ({
    controlplane: join(i.outputDir, 'controlplane.yaml'),
    worker: join(i.outputDir, 'worker.yaml'),
    talosconfig: join(i.outputDir, 'talosconfig')
  }),
  example: {
    clusterName: 'demo',
    endpoint: 'https://127.0.10.11:6443',
    secretsFile: 'o/secrets.yaml',
    talosVersion: 'v1.11.6',
    kubernetesVersion: '1.34.1',
    outputDir: 'o',
    installDisk: '/dev/nvme0n1'
  }
})

/** Patched YAML on stdout, or written to `output` (then the result is ""). */
export const machineconfigPatchCall = defineCall({
  name: 'machineconfig patch',
  lab: ['machineconfig', 'patch'],
  args: args.machineconfigPatchArgs,
  timeoutMs: LOCAL_MS,
  output: read.stdout,
  example: { file: 'o/worker.yaml', patches: ['@p.yaml'] }
})

/** The validator's own reasons ("N errors occurred: * a * b"), else its last error line. */
function validatorRefusal(file: string, e: AppError): string {
  const tail = (e.details as { stderrTail?: string } | undefined)?.stderrTail ?? ''
  const head = /\d+ errors? occurred:?/.exec(tail)
  const reasons = head ? multierrorReasons(tail.slice(head.index + head[0].length)) : []
  const why = reasons.length ? reasons.join('; ') : e.message.replace(/^talosctl validate failed: /, '')
  return `talosctl validate --mode metal rejects ${file}: ${why}. Nothing was applied; fix the cluster or node settings (or the hand edit) and run setup again.`
}

/**
 * `talosctl validate --mode metal` on a config file. A refusal becomes CONFIG_INVALID quoting
 * the validator's reasons; a missing talosctl, a timeout or a cancel stays what it is.
 */
export const validateCall = defineCall({
  name: 'validate',
  lab: ['validate'],
  args: args.validateArgs,
  timeoutMs: LOCAL_MS,
  output: read.nothing,
  errors: (e, i: Parameters<typeof args.validateArgs>[0]) =>
    ['CANCELLED', 'TIMEOUT', 'TALOSCTL_NOT_FOUND'].includes(e.code) ? undefined : new AppError('CONFIG_INVALID', validatorRefusal(i.file, e), e.details),
  example: { file: 'o/controlplane.yaml' }
})

/** `talosctl config …` edits the talosconfig it is given. */
const onTalosconfig = (i: { talosconfig: string }) => args.FilePath.parse(i.talosconfig)

export const configEndpointCall = defineCall({
  name: 'config endpoint',
  lab: ['config', 'endpoint'],
  args: (i: { talosconfig: string; endpoints: string[] }) => args.configEndpointArgs(i.endpoints),
  timeoutMs: LOCAL_MS,
  talosconfig: onTalosconfig,
  output: read.nothing,
  example: { talosconfig: 'o/talosconfig', endpoints: ['127.0.10.11'] }
})

export const configNodeCall = defineCall({
  name: 'config node',
  lab: ['config', 'node'],
  args: (i: { talosconfig: string; nodes: string[] }) => args.configNodeArgs(i.nodes),
  timeoutMs: LOCAL_MS,
  talosconfig: onTalosconfig,
  output: read.nothing,
  example: { talosconfig: 'o/talosconfig', nodes: ['127.0.10.11'] }
})

/** Merges `file`'s contexts into `talosconfig`; returns talosctl's rename notes, if any. */
export const configMergeCall = defineCall({
  name: 'config merge',
  lab: ['config', 'merge'],
  args: (i: { talosconfig: string; file: string }) => args.configMergeArgs(i.file),
  timeoutMs: LOCAL_MS,
  talosconfig: onTalosconfig,
  output: read.stderrTrimmed,
  example: { talosconfig: 'o/talosconfig', file: 'o/other-talosconfig' }
})
