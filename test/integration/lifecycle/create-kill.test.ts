import { spawn } from 'node:child_process'
import { existsSync, watch } from 'node:fs'
import { mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLI, runWild } from '../../helpers/cli'
import { withTempDir } from '../../helpers/tmp'

/**
 * Runs `wild instance create <name>` and kills it with SIGKILL a few milliseconds after the
 * first change in the instances folder, i.e. while the instance is being made.
 */
async function createAndKill(dataDir: string, name: string, delayMs: number): Promise<void> {
  const instances = join(dataDir, 'instances')
  const proc = spawn(process.execPath, [CLI, '--data-dir', dataDir, 'instance', 'create', name, '--no-use'], {
    stdio: 'ignore',
    env: { ...process.env, WILD_CENTRAL_DATA: '' }
  })
  const exited = new Promise<void>((res) => proc.on('close', () => res()))
  const watcher = watch(instances, () => {
    watcher.close()
    setTimeout(() => proc.kill('SIGKILL'), delayMs)
  })
  await exited
  watcher.close()
}

describe('wild instance create killed with SIGKILL', () => {
  it('never leaves an instance folder without config.yaml; the next create cleans up and list works', async () => {
    await withTempDir(async (dir) => {
      await mkdir(join(dir, 'instances'))
      // A fixed sequence of "random" delays, so a failure can be replayed.
      let seed = 11
      const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
      const runs = Array.from({ length: 16 }, (_, i) => ({ name: `lab-${i}`, delay: Math.floor(rand() * 6) }))
      for (let i = 0; i < runs.length; i += 4) {
        await Promise.all(runs.slice(i, i + 4).map((r) => createAndKill(dir, r.name, r.delay)))
      }
      const half = runs.filter((r) => existsSync(join(dir, 'instances', r.name)) && !existsSync(join(dir, 'instances', r.name, 'config.yaml')))
      expect(half.map((r) => r.name)).toEqual([])

      expect((await runWild(['--data-dir', dir, 'instance', 'create', 'after'])).code).toBe(0)
      const again = await runWild(['--data-dir', dir, 'instance', 'create', runs[0]!.name, '--no-use', '--json'])
      expect(again.code === 0 || (again.json() as { error: { code: string } }).error.code === 'CONFLICT').toBe(true)
      const list = await runWild(['--data-dir', dir, '--json', 'instance', 'list'])
      expect(list.code).toBe(0)
      const listed = list.json() as { name: string; error: string | null }[]
      expect(listed.filter((i) => i.error !== null)).toEqual([])
      expect(listed.map((i) => i.name)).toContain('after')
      // Whatever the killed runs left while building is gone; only instances remain.
      const names = await readdir(join(dir, 'instances'))
      expect(names.filter((n) => !/^[a-z0-9-]+$/.test(n))).toEqual([])
    })
  }, 120_000)
})
