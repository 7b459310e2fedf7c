import { applyConfigCommand } from './cmd-apply'
import { bootstrapCommand } from './cmd-bootstrap'
import { configCommands } from './cmd-config'
import { etcdCommands } from './cmd-etcd'
import { nodeCommands } from './cmd-node'
import { powerCommands } from './cmd-power'
import { genConfigCommand, genSecretsCommand } from './cmd-gen'
import { getCommand } from './cmd-get'
import { healthCommand } from './cmd-health'
import { kubeconfigCommand } from './cmd-kubeconfig'
import { machineconfigPatchCommand, mcPatchCommand } from './cmd-machineconfig'
import { resetCommand } from './cmd-reset'
import { validateCommand } from './cmd-validate'
import { versionCommand } from './cmd-version'
import { upgradeCommand } from './cmd-upgrade'
import { upgradeK8sCommand } from './cmd-upgrade-k8s'
import type { Command } from './command'

/** Every subcommand the simulated talosctl knows. */
export const COMMANDS: Command[] = [
  getCommand,
  versionCommand,
  genConfigCommand,
  genSecretsCommand,
  machineconfigPatchCommand,
  mcPatchCommand,
  applyConfigCommand,
  bootstrapCommand,
  healthCommand,
  kubeconfigCommand,
  resetCommand,
  validateCommand,
  upgradeCommand,
  upgradeK8sCommand,
  ...configCommands,
  ...nodeCommands,
  ...powerCommands,
  ...etcdCommands
]
