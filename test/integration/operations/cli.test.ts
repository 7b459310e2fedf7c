import { existsSync, promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { OperationListEntry, type Operation } from '@shared/contract/operations'
import { createOperation, finish } from '@core/operations/state'
import { runWild } from '../../helpers/cli'
import { makeTempDir } from '../../helpers/tmp'

const DAY = 24 * 3600 * 1000
let dataDir: string
const wild = (...args: string[]) => runWild(['--data-dir', dataDir, ...args])
const opsDir = () => join(dataDir, 'instances', 'lab', 'operations')
const opFile = (id: string) => join(opsDir(), `${id}.json`)
const TRUNCATED = 'op_download_20250101000000_damaged'

function op(id: string, daysAgo: number, status: 'completed' | 'running'): Operation {
  const at = new Date(Date.now() - daysAgo * DAY).toISOString()
  const running = createOperation({ id, type: 'verify', instance: 'lab', target: 't', steps: [], now: at })
  return status === 'running' ? running : finish(running, { status: 'completed', message: 'Completed' }, at)
}
async function put(o: Operation, extra: Record<string, unknown> = {}): Promise<void> {
  await fs.writeFile(opFile(o.id), JSON.stringify({ ...o, ...extra }))
}
async function age(path: string, daysAgo: number): Promise<void> {
  const t = new Date(Date.now() - daysAgo * DAY)
  await fs.utimes(path, t, t)
}

beforeEach(async () => {
  dataDir = await makeTempDir()
  // An instance folder is all `ops` needs; creating it by hand saves a CLI run per test.
  await fs.mkdir(opsDir(), { recursive: true })
  await fs.writeFile(join(dataDir, 'current-context'), 'lab\n')
  await put(op('op_verify_old', 10, 'completed'))
  await put(op('op_verify_recent', 1, 'completed'))
  // Owned by this test process, alive and with a fresh heartbeat: nobody may remove it.
  await put(op('op_verify_running', 60, 'running'), { owner: { pid: process.pid, heartbeatAt: Date.now(), heartbeatMs: 600_000 } })
  const whole = JSON.stringify(op(TRUNCATED, 2, 'completed'))
  await fs.writeFile(opFile(TRUNCATED), whole.slice(0, whole.length / 2))
})

afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true })
})

describe('wild ops with a damaged op file', () => {
  it('lists it as unreadable with the file name and why, in the human table and in JSON', async () => {
    const human = await wild('ops', 'list')
    expect(human.code).toBe(0)
    expect(human.stdout).toMatch(/op_verify_recent/)
    expect(human.stdout).toMatch(/unreadable/i)
    expect(human.stdout).toContain(`${TRUNCATED}.json`)
    expect(human.stdout).toMatch(/not valid JSON/)

    const json = z.array(OperationListEntry).parse((await wild('--json', 'ops', 'list')).json())
    expect(json.map((e) => [e.id, e.status])).toEqual([
      ['op_verify_recent', 'completed'],
      ['op_verify_old', 'completed'],
      ['op_verify_running', 'running'],
      [TRUNCATED, 'unreadable']
    ])
    expect(json.at(-1)).toMatchObject({ file: opFile(TRUNCATED), reason: expect.stringMatching(/not valid JSON/) })
  })

  it('ops show says it is unreadable and why, not that there is none', async () => {
    const r = await wild('ops', 'show', TRUNCATED)
    expect(r.code).toBe(1)
    expect(r.stderr).not.toMatch(/There is no operation/)
    expect(r.stderr).toMatch(/unreadable: not valid JSON/)
    expect(r.stderr).toContain(`${TRUNCATED}.json`)
    expect(r.stderr).toMatch(/wild ops cleanup/)
  })

  it('ops cleanup --older-than removes it and old finished ops, never the running one', async () => {
    const r = await wild('--json', 'ops', 'cleanup', '--older-than', '7d')
    expect({ code: r.code, out: r.json() }).toEqual({ code: 0, out: { removed: 2 } })
    expect((await fs.readdir(opsDir())).sort()).toEqual(['op_verify_recent.json', 'op_verify_running.json'])
  })

  it('ops cleanup --keep 0 removes every finished op and the damaged file, never the running one', async () => {
    const r = await wild('ops', 'cleanup', '--keep', '0')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Removed 3 /)
    expect(await fs.readdir(opsDir())).toEqual(['op_verify_running.json'])
  })

  it('ops cleanup --older-than takes hours and minutes and refuses what is not a duration', async () => {
    expect((await wild('--json', 'ops', 'cleanup', '--older-than', '36h')).json()).toEqual({ removed: 2 })
    expect(existsSync(opFile('op_verify_recent'))).toBe(true)
    expect((await wild('--json', 'ops', 'cleanup', '--older-than', '30m')).json()).toEqual({ removed: 1 })
    const bad = await wild('ops', 'cleanup', '--older-than', '7x')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/like 7d, 12h or 30m/)
  })

  it('start-up removes finished ops older than 30 days and damaged files as old, keeps the rest', async () => {
    await put(op('op_verify_ancient', 45, 'completed'))
    const oldDamaged = 'op_setup_20240101000000_damaged'
    await fs.writeFile(opFile(oldDamaged), '{"id": "op_setup_2024')
    await age(opFile(oldDamaged), 40)
    expect((await wild('instance', 'list')).code).toBe(0)
    expect((await fs.readdir(opsDir())).sort()).toEqual([`${TRUNCATED}.json`, 'op_verify_old.json', 'op_verify_recent.json', 'op_verify_running.json'])
  })
})
