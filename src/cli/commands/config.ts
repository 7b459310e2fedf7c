import type { Command } from 'commander'
import { stringify } from 'yaml'
import { coreFor, instanceFor } from '../context'
import { action, output } from '../output'

/**
 * A VALUE as typed: true/false/null and JSON lists, maps and quoted strings are parsed; anything
 * else stays a string, so "1.34.1" or "v1.11.6" is never turned into a number.
 */
export function parseCliValue(raw: string): unknown {
  const t = raw.trim()
  if (t === 'true' || t === 'false' || t === 'null' || /^[[{"]/.test(t)) {
    try {
      return JSON.parse(t)
    } catch {
      return raw
    }
  }
  return raw
}

function show(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value)
  return stringify(value, { lineWidth: 0 }).trimEnd()
}

/** `wild config get|set KEY [VALUE]` with dotted keys, validated, comments in config.yaml kept. */
export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description("Read and change the instance's config.yaml by dotted key")

  config
    .command('get <key>')
    .description('Print one value, like: wild config get cluster.nodes.control.vip')
    .action(
      action(async (_signal, key: string, _opts, cmd: Command) => {
        const core = coreFor(cmd)
        const result = await core.config.getValue(await instanceFor(cmd, core), key)
        output(cmd, result, () => show(result.value))
      })
    )

  config
    .command('set <key> <value>')
    .description('Set one value (true/false and JSON lists are parsed), like: wild config set cluster.network.subnet 192.168.1.0/24')
    .action(
      action(async (_signal, key: string, value: string, _opts, cmd: Command) => {
        const core = coreFor(cmd)
        const result = await core.config.setValue(await instanceFor(cmd, core), key, parseCliValue(value))
        output(cmd, result, () => `${result.key} = ${show(result.value)}`)
      })
    )
}
