import { spawnSync } from 'node:child_process'
import { readFileSync, readlinkSync } from 'node:fs'
import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { withLock } from '@core/config/lock'
import { release, tryAcquire } from '@core/config/lock-dir'
import { withTempDir } from '../../helpers/tmp'

/** This machine as the lock records it (Linux): host name, boot, pid namespace. */
const here = {
  hostname: hostname(),
  bootId: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
  pidNamespace: readlinkSync('/proc/self/ns/pid'),
  startTime: '12345'
}

/** A lock folder as a holder leaves it, naming its owner. */
async function plantLock(lockPath: string, owner: { pid: number; hostname?: string; startTime?: string }, token = 'planted-1') {
  await mkdir(lockPath)
  await writeFile(join(lockPath, `owner-${token}.json`), JSON.stringify({ ...here, ...owner, token }))
}

/** The pid of a process that has exited (and been reaped). */
let dead = 0
function deadPid(): number {
  dead ||= spawnSync(process.execPath, ['-e', '0']).pid!
  return dead
}

async function timed<T>(p: Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = Date.now()
  const value = await p
  return { ms: Date.now() - t0, value }
}

describe('config lock: owner recorded in the lock', () => {
  it('takes over at once a lock whose owner process is gone', async () => {
    await withTempDir(async (dir) => {
      const lockPath = join(dir, '.wild-config.lock')
      await plantLock(lockPath, { pid: deadPid() })
      const { ms, value } = await timed(withLock(lockPath, async () => 'ran', { waitMs: 3_000 }))
      expect(value).toBe('ran')
      expect(ms).toBeLessThan(1_000)
      expect(await readdir(dir)).toEqual([])
    })
  })

  it('takes over at once a lock whose pid now belongs to another process (start time differs)', async () => {
    await withTempDir(async (dir) => {
      const lockPath = join(dir, '.wild-config.lock')
      // The parent process is alive, but it did not start at tick 1.
      await plantLock(lockPath, { pid: process.ppid, startTime: '1' })
      const { ms } = await timed(withLock(lockPath, async () => 'ran', { waitMs: 3_000 }))
      expect(ms).toBeLessThan(1_000)
    })
  })

  it('keeps the age rule for an owner on another host', async () => {
    await withTempDir(async (dir) => {
      const lockPath = join(dir, '.wild-config.lock')
      await plantLock(lockPath, { pid: deadPid(), hostname: `not-${hostname()}` })
      await expect(withLock(lockPath, async () => 'ran', { waitMs: 300, staleMs: 5_000 })).rejects.toMatchObject({
        code: 'BUSY',
        message: expect.stringContaining('locked by another Wild Central process')
      })
      const old = new Date(Date.now() - 60_000)
      await utimes(lockPath, old, old)
      const { ms } = await timed(withLock(lockPath, async () => 'ran', { waitMs: 3_000, staleMs: 5_000 }))
      expect(ms).toBeLessThan(1_000)
    })
  })

  it('lets exactly one of many waiters take over the same dead owner', async () => {
    await withTempDir(async (dir) => {
      const lockPath = join(dir, '.wild-config.lock')
      for (let round = 0; round < 40; round++) {
        await plantLock(lockPath, { pid: deadPid() }, `planted-${round}`)
        // Staggered starts, so the waiters do not move in lock-step through the thread pool.
        const got = await Promise.all(Array.from({ length: 16 }, (_, i) => sleep(i % 5).then(() => tryAcquire(lockPath, 10_000))))
        const winners = got.filter((g) => g !== null)
        expect(winners, `round ${round}`).toHaveLength(1)
        await release(winners[0]!)
        expect(await readdir(dir)).toEqual([])
      }
    })
  })

  it('gives up at once when the lock folder cannot be made, instead of retrying', async () => {
    const { ms, value } = await timed(withLock('/proc/self/no-such-folder/.wild-config.lock', async () => 'ran', { waitMs: 30_000 }).catch((e: unknown) => e))
    expect(value).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('wild instance list') })
    expect(ms).toBeLessThan(2_000)
  }, 10_000)
})
