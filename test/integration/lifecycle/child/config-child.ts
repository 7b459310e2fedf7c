/**
 * A second process for the cross-process tests, built to a temporary bundle at test time:
 *   add-nodes <dataDir> <prefix> <count> <firstOctet>  — that many concurrent node adds
 *   write-loop <dataDir> <from> <to>                    — sequential config writes, "ok N" after each
 *   hold-lock <lockPath>...                             — takes every lock, prints "held", waits forever
 *   exclusive <lockPath> <logFile> <rounds>             — takes the lock that often, logging enter/exit
 */
import { appendFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { withLock } from '@core/config/lock'
import { EventBus } from '@core/event-bus'
import { createConfigService } from '@core/config/config-service'
import { createConfigStore } from '@core/config/store'
import { createNodeService } from '@core/nodes/nodes'

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
  } else if (cmd === 'hold-lock') {
    const paths = [dataDir!, ...rest]
    const hold = (i: number): Promise<void> =>
      i === paths.length
        ? new Promise<void>(() => {
            // The lock's own timer does not keep a process alive; this does, until the kill.
            setInterval(() => {}, 60_000)
            process.stdout.write('held\n')
          })
        : withLock(paths[i]!, () => hold(i + 1), { waitMs: 60_000 })
    await hold(0)
  } else if (cmd === 'exclusive') {
    const [logFile, rounds] = rest
    for (let i = 0; i < Number(rounds); i++) {
      await withLock(
        dataDir!,
        async () => {
          appendFileSync(logFile!, `enter ${process.pid}\n`)
          await sleep(5)
          appendFileSync(logFile!, `exit ${process.pid}\n`)
        },
        { waitMs: 60_000 }
      )
    }
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
