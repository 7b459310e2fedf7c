import { clusterBootstrapped } from '../resources/catalog'
import { updateLab } from '../state'
import { args, type Command } from './command'
import { secureClient } from './connect'
import type { CommandContext } from './context'
import { RpcError, TalosctlError } from './errors'

/**
 * `talosctl bootstrap`: exactly once per cluster, on a control-plane node over mTLS. Prints
 * nothing on success; AlreadyExists afterwards (from any control plane of that cluster, whose
 * etcd already holds data); FailedPrecondition while the node is still booting or is a worker.
 */

async function run(ctx: CommandContext): Promise<void> {
  try {
    const client = await secureClient(ctx)
    for (const node of client.nodes) {
      const t = await client.reach(node)
      const m = t.view.machine
      if (m.role === 'worker') {
        throw new RpcError('rpc error: code = FailedPrecondition desc = bootstrap can only be performed on a control plane node')
      }
      if (t.view.stage !== 'running') throw new RpcError('rpc error: code = FailedPrecondition desc = bootstrap is not available yet')
      if (clusterBootstrapped(m, ctx.lab)) {
        throw new RpcError('rpc error: code = AlreadyExists desc = etcd data directory is not empty')
      }
      const raced = await updateLab(ctx.labFile!, (lab) => {
        const stored = lab.machines.find((x) => x.id === m.id)
        if (!stored || clusterBootstrapped(stored, lab)) return true
        stored.bootstrapped = true
        return false
      })
      if (raced) throw new RpcError('rpc error: code = AlreadyExists desc = etcd data directory is not empty')
    }
  } catch (e) {
    if (e instanceof RpcError) throw new TalosctlError(`error executing bootstrap: ${e.message}`)
    throw e
  }
}

export const bootstrapCommand: Command = {
  path: ['bootstrap'],
  use: 'bootstrap',
  args: args.none,
  flags: [
    { name: 'recover-from', kind: 'string', help: 'recover etcd cluster from the snapshot' },
    { name: 'recover-skip-hash-check', kind: 'bool', help: 'skip integrity check when recovering etcd (use when recovering from data directory copy)' }
  ],
  run
}
