import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import { z } from 'zod'
import { bootId, processStartTime } from './proc-start'

/**
 * Where no guard process can run (the packaged Electron app: RunAsNode is off), the groups a
 * process starts are recorded in `<dir>/children-<pid>.json`, and the next start reaps what a
 * parent that died without handlers left behind. Written synchronously and atomically right
 * after each spawn and exit, so a SIGKILL at any moment leaves a whole, current record.
 */

const Group = z.object({ pgid: z.number().int().positive(), start: z.string().regex(/^\d+$/) })
const Record = z.object({
  owner: z.object({ pid: z.number().int().positive(), start: z.string().nullable() }),
  bootId: z.string().nullable(),
  groups: z.array(Group)
})
type Group = z.infer<typeof Group>

const FILE = /^children-(\d+)\.json$/

export interface ReapReport {
  /** Groups SIGKILLed: their leader (or, when it had gone, a member) was still running. */
  killed: number[]
  /** Records not read (unparsable): removed, their processes left alone. */
  unreadable: string[]
}

export function recordFile(dir: string, pid = process.pid): string {
  return join(dir, `children-${pid}.json`)
}

/** Rewrites this process's record with `groups` (removed when none is left). */
export function writeChildRecord(dir: string, groups: readonly Group[]): void {
  const file = recordFile(dir)
  if (groups.length === 0) {
    rmSync(file, { force: true })
    return
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  chmodSync(dir, 0o700)
  const record: z.infer<typeof Record> = {
    owner: { pid: process.pid, start: processStartTime(process.pid) },
    bootId: bootId(),
    groups: [...groups]
  }
  writeFileAtomic.sync(file, JSON.stringify(record) + '\n', { mode: 0o600 })
}

/**
 * Kills the groups that dead owners recorded, then removes their records. Only with /proc: a
 * recorded pid is killed only when its start time still matches, so a reused pid never is; a
 * leader that is gone while its group lives leaves the pgid reserved, so the group is still ours.
 */
export function reapLeftChildren(dir: string): ReapReport {
  const report: ReapReport = { killed: [], unreadable: [] }
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return report
  }
  const boot = bootId()
  for (const name of names) {
    const m = FILE.exec(name)
    if (!m || Number(m[1]) === process.pid) continue
    const file = join(dir, name)
    let record: z.infer<typeof Record>
    try {
      record = Record.parse(JSON.parse(readFileSync(file, 'utf8')))
    } catch {
      report.unreadable.push(file)
      rmSync(file, { force: true })
      continue
    }
    const { owner } = record
    const ownerAlive = owner.start !== null && processStartTime(owner.pid) === owner.start
    if (record.bootId === boot && ownerAlive) continue // still running: its groups are its own
    // After a reboot, every recorded process is gone already.
    if (record.bootId !== null && record.bootId === boot) {
      for (const g of record.groups) {
        const now = processStartTime(g.pgid)
        if (now !== null && now !== g.start) continue
        try {
          process.kill(-g.pgid, 'SIGKILL')
          report.killed.push(g.pgid)
        } catch {
          // ESRCH: the group ended on its own.
        }
      }
    }
    rmSync(file, { force: true })
  }
  return report
}
