import { execa } from 'execa'
import { mkdtemp, rm, writeFile, access } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { watchForStop } from '@core/pxe/stop-watch'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wild-stopwatch-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const until = (p: Promise<string>, ms: number) => Promise.race([p, new Promise<string>((_r, j) => setTimeout(() => j(new Error('no stop')), ms))])

describe('watchForStop', () => {
  it('stops once on a stop request and consumes it', async () => {
    const file = join(dir, 'stop-request')
    const reasons: string[] = []
    const stopped = new Promise<string>((r) => watchForStop({ stopFile: file, everyMs: 20, onStop: (why) => (reasons.push(why), r(why)) }))
    await writeFile(file, '1\n')
    expect(await until(stopped, 2_000)).toBe('a stop was requested')
    await expect(access(file)).rejects.toThrow()
    await new Promise((r) => setTimeout(r, 80))
    expect(reasons).toHaveLength(1)
  })

  it('stops when the parent process is gone, not while it lives', async () => {
    const parent = execa('sleep', ['30'], { reject: false })
    const reasons: string[] = []
    const stopped = new Promise<string>((r) =>
      watchForStop({ stopFile: join(dir, 'none'), parentPid: parent.pid, everyMs: 20, onStop: (why) => (reasons.push(why), r(why)) })
    )
    await new Promise((r) => setTimeout(r, 100))
    expect(reasons).toEqual([])
    parent.kill('SIGKILL')
    await parent
    expect(await until(stopped, 2_000)).toBe(`the app that started it (pid ${parent.pid}) has ended`)
  })

  it('does nothing after it is disposed', async () => {
    const file = join(dir, 'stop-request')
    const reasons: string[] = []
    const dispose = watchForStop({ stopFile: file, everyMs: 20, onStop: (why) => reasons.push(why) })
    dispose()
    await writeFile(file, '1\n')
    await new Promise((r) => setTimeout(r, 100))
    expect(reasons).toEqual([])
  })
})
