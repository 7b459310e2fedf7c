import { InvalidArgumentError, type Command } from 'commander'
import type { DiscoveredNode, DiscoveryStatus } from '../../shared/contract/discovery'
import { AppError, type ErrorCode } from '../../shared/errors'
import { coreFor, globalOptions, instanceFor } from '../context'
import { action, output, table } from '../output'
import { machineCount } from '../../core/discovery/known'

function integer(what: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${what} must be a whole number.`)
    return Number(value)
  }
}

function nodeLine(n: DiscoveredNode): string[] {
  const state = n.state === 'configured' ? 'configured (belongs to a cluster)' : n.state
  const known = n.vip ? "the cluster's VIP" : n.node ? `node ${n.node}` : ''
  return [n.ip, state, n.hostname ?? '', n.mac ?? '', n.version ?? '', [known, n.note ?? ''].filter(Boolean).join('; ')]
}

export function describeScan(status: DiscoveryStatus): string {
  const head =
    `Scanned ${status.cidr ?? '?'} (${status.probed} of ${status.total} addresses, port ${status.port}): ` +
    `${status.responders} answered, ${machineCount(status.nodesFound)} machine(s) identified` +
    `${status.nodesFound.some((n) => n.vip) ? " (and the cluster's VIP)" : ''}.`
  if (status.nodesFound.length === 0) return `${head}\nNo Talos machine found. Check that the machines have booted Talos and are on this network.`
  return `${head}\n${table(['IP', 'STATE', 'HOSTNAME', 'MAC', 'VERSION', 'NOTE'], status.nodesFound.map(nodeLine))}`
}

/** `wild discover CIDR`: scans to completion; Ctrl-C cancels. Without CIDR, lists suggested ranges. */
export function registerDiscoverCommand(program: Command): void {
  program
    .command('discover [cidr]')
    .description("Scan a network range for Talos machines (without a range: list ranges from this computer's interfaces)")
    .option('--port <n>', 'TCP port to probe (Talos: 50000)', integer('--port'))
    .option('--timeout <ms>', 'longest wait for one address, in ms (default 1000)', integer('--timeout'))
    .option('--concurrency <n>', 'addresses probed at once (default 512)', integer('--concurrency'))
    .action(
      action(async (signal, cidr: string | undefined, opts: { port?: number; timeout?: number; concurrency?: number }, cmd: Command) => {
        const core = coreFor(cmd)
        if (!cidr) {
          const list = core.discovery.suggest()
          output(cmd, list, () =>
            list.length === 0
              ? 'No network interface suggests a range. Give one: wild discover 192.168.1.0/24'
              : `${table(
                  ['RANGE', 'INTERFACE', 'THIS COMPUTER', 'ADDRESSES'],
                  list.map((s) => [s.cidr, s.interface, s.address, String(s.addresses)])
                )}\n` + 'Nothing was scanned. Scan one with: wild discover RANGE'
          )
          return
        }
        const instance = await instanceFor(cmd, core)
        const human = !globalOptions(cmd).json
        const stopListening = core.events.onAny((name, payload) => {
          if (!human || name !== 'discovery.found') return
          const { instance: i, node } = payload as { instance: string; node: DiscoveredNode }
          if (i === instance) process.stderr.write(`found ${nodeLine(node).filter(Boolean).join('  ')}\n`)
        })
        try {
          const started = await core.discovery.start({ instance, cidr, port: opts.port, timeoutMs: opts.timeout, concurrency: opts.concurrency })
          if (started.warning && human) process.stderr.write(`warning: ${started.warning}\n`)
          const cancel = () => void core.operations.cancel(instance, started.operationId).catch(() => undefined)
          signal.addEventListener('abort', cancel, { once: true })
          if (signal.aborted) cancel() // Ctrl-C while the scan was being set up
          const op = await core.operations.wait(instance, started.operationId)
          // Versions are read after the scan reports each machine; a terminal answer waits for them
          // (the app shows them as they arrive). Ctrl-C still cancels through the signal above.
          if (op.status === 'completed') await core.discovery.filled(instance)
          signal.removeEventListener('abort', cancel)
          const status = await core.discovery.status(instance)
          if (op.status !== 'completed') {
            const code = (op.error?.code ?? (op.status === 'cancelled' ? 'CANCELLED' : 'UNKNOWN')) as ErrorCode
            const found = status.nodesFound.length ? ` ${status.nodesFound.length} machine(s) found before it stopped: see wild ops show ${op.id}` : ''
            throw new AppError(code, `${op.error?.message ?? op.message}${found}`)
          }
          output(cmd, status, () => describeScan(status))
        } finally {
          stopListening()
          await core.close()
        }
      })
    )
}
