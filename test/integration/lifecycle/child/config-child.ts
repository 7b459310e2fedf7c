/**
 * A second process for the cross-process tests, built to a temporary bundle at test time:
 *   add-nodes <dataDir> <prefix> <count> <firstOctet>  — that many concurrent node adds
 *   write-loop <dataDir> <from> <to>                    — sequential config writes, "ok N" after each
 */
import { EventBus } from '../../../../src/main/core/event-bus'
import { createConfigService } from '../../../../src/main/core/config/config-service'
import { createConfigStore } from '../../../../src/main/core/config/store'
import { createNodeService } from '../../../../src/main/core/nodes/nodes'

async function main(): Promise<void> {
  const [cmd, dataDir, ...rest] = process.argv.slice(2)
  const events = new EventBus()
  const store = createConfigStore({ dataDir: dataDir!, lock: { staleMs: 2_000, waitMs: 60_000 } })
  if (cmd === 'add-nodes') {
    const [prefix, count, first] = rest
    const nodes = createNodeService({ store, events, dataDir: dataDir! })
    await Promise.all(
      Array.from({ length: Number(count) }, (_, i) =>
        nodes.add('lab', { hostname: `${prefix}-${i}`, role: 'worker', targetIp: `127.0.10.${Number(first) + i}` })
      )
    )
  } else if (cmd === 'write-loop') {
    const config = createConfigService({ store, events })
    for (let i = Number(rest[0]); i < Number(rest[1]); i++) {
      process.stdout.write(`start ${i}\n`)
      await config.setValue('lab', 'cluster.hostnamePrefix', `p${i}-`)
      await config.setValue('lab', `apps.writes.w${i % 40}`, `value ${i} with: yaml # chars`)
      process.stdout.write(`ok ${i}\n`)
    }
  }
}

main().catch((e) => {
  process.stderr.write(String((e as Error).message) + '\n')
  process.exit(1)
})
