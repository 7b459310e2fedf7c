import { InvalidArgumentError, type Command } from 'commander'
import type { CidrSuggestion, DiscoveredNode, DiscoveryStatus } from '@shared/contract/discovery'
import { AppError, toAppError } from '@shared/errors'
import { globalOptions } from '../context'
import { action, output, table } from '../output'
import { withSession } from '../verbs/session'

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
    `${status.responders} answered, ${status.nodesFound.filter((n) => !n.vip).length} machine(s) identified` +
    `${status.nodesFound.some((n) => n.vip) ? " (and the cluster's VIP)" : ''}.`
  if (status.nodesFound.length === 0) return `${head}\nNo Talos machine found. Check that the machines have booted Talos and are on this network.`
  return `${head}\n${table(['IP', 'STATE', 'HOSTNAME', 'MAC', 'VERSION', 'NOTE'], status.nodesFound.map(nodeLine))}`
}

function suggestionsText(list: CidrSuggestion[]): string {
  if (list.length === 0) return 'No network interface suggests a range. Give one: wild discover 192.168.1.0/24'
  const rows = list.map((s) => [s.cidr, s.interface, s.address, String(s.addresses)])
  return `${table(['RANGE', 'INTERFACE', 'THIS COMPUTER', 'ADDRESSES'], rows)}\nNothing was scanned. Scan one with: wild discover RANGE`
}

/** A scan that did not complete fails with its own error, naming what it found before it stopped. */
async function withFoundSoFar(e: unknown, operationId: string, status: () => Promise<DiscoveryStatus>) {
  const err = toAppError(e)
  const found = (await status().catch(() => null))?.nodesFound.length ?? 0
  return found ? new AppError(err.code, `${err.message} ${found} machine(s) found before it stopped: see wild ops show ${operationId}`, err.details) : err
}

/**
 * `wild discover CIDR`: starts the scan (discovery.start), follows it (Ctrl-C cancels), then answers
 * with the finished scan (discovery.status, once the versions are read). Without CIDR it lists
 * suggested ranges (discovery.suggest).
 */
export function registerDiscoverCommand(program: Command): void {
  program
    .command('discover [cidr]')
    .description("Scan a network range for Talos machines (without a range: list ranges from this computer's interfaces)")
    .option('--port <n>', 'TCP port to probe (Talos: 50000)', integer('--port'))
    .option('--timeout <ms>', 'longest wait for one address, in ms (default 1000)', integer('--timeout'))
    .option('--concurrency <n>', 'addresses probed at once (default 512)', integer('--concurrency'))
    .action(
      action(async (signal, cidr: string | undefined, opts: { port?: number; timeout?: number; concurrency?: number }, cmd: Command) => {
        await withSession(cmd, signal, async (s) => {
          if (!cidr) {
            const list = await s.call('discovery.suggest', {})
            return output(cmd, list, () => suggestionsText(list))
          }
          const instance = await s.instance()
          const human = !globalOptions(cmd).json
          s.on('discovery.found', ({ instance: i, node }) => {
            if (human && i === instance) process.stderr.write(`found ${nodeLine(node).filter(Boolean).join('  ')}\n`)
          })
          const started = await s.call('discovery.start', { cidr, port: opts.port, timeoutMs: opts.timeout, concurrency: opts.concurrency })
          if (started.warning && human) process.stderr.write(`warning: ${started.warning}\n`)
          // Ctrl-C while the scan was being set up: the follow below would not see it.
          if (signal.aborted) await s.call('operations.cancel', { id: started.operationId }).catch(() => undefined)
          try {
            await s.follow(instance, started.operationId)
          } catch (e) {
            throw await withFoundSoFar(e, started.operationId, () => s.call('discovery.status', {}))
          }
          // Versions are read after the scan reports each machine; the answer waits for them (the app shows them as they arrive).
          const status = await s.call('discovery.status', { settled: true })
          output(cmd, status, () => describeScan(status))
        })
      })
    )
}
