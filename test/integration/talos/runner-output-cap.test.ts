import { chmodSync } from 'node:fs'
import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import { createTalosRunner, type InProcessTalosctl } from '@core/talos/runner'

/** Issue 12 item 9: 300 MB of talosctl output cost 772 MB of RSS. What is kept is capped. */

const FAKE = join(__dirname, 'fixtures', 'fake-talosctl.mjs')
const MiB = 1024 * 1024

beforeAll(() => chmodSync(FAKE, 0o755))

async function measured(run: () => Promise<unknown>) {
  const rss = process.memoryUsage().rss
  const t0 = Date.now()
  const error = await run().then(
    () => null,
    (e: unknown) => e
  )
  return { error, ms: Date.now() - t0, growth: process.memoryUsage().rss - rss }
}

describe('talosctl output cap', () => {
  it('stops a talosctl that prints endlessly with MALFORMED_OUTPUT naming the cap and the command; memory stays bounded', { timeout: 60_000 }, async () => {
    const runner = createTalosRunner({ talosctlPath: FAKE, env: { FAKE_MODE: 'flood' }, defaultTimeoutMs: 20_000 })
    let logged = 0
    const r = await measured(() => runner.run(['get', 'disks', '-n', '127.0.10.11', '-o', 'json'], { onLine: (_s, l) => (logged += l.length) }))
    expect(r.error).toMatchObject({
      code: 'MALFORMED_OUTPUT',
      message: expect.stringMatching(/talosctl get disks printed more than 4\.0 MiB on stdout/),
      details: expect.objectContaining({ stderrTail: 'flooding\n' })
    })
    expect(r.ms).toBeLessThan(10_000)
    // The first 4 MiB reached the log in bounded pieces; nothing was held past the cap.
    expect(logged).toBeGreaterThan(3 * MiB)
    expect(r.growth).toBeLessThan(150 * MiB)
  })

  it('holds the in-process (demo) talosctl to the same cap', { timeout: 60_000 }, async () => {
    const chunk = 'y'.repeat(64 * 1024)
    const exec: InProcessTalosctl = async (_args, o) => {
      while (!o.signal.aborted) {
        o.onStdout?.(chunk)
        await nextTurn()
      }
      return { exitCode: 0, stdout: '', stderr: '' }
    }
    const runner = createTalosRunner({ talosctlPath: 'talosctl (demo lab)', exec, defaultTimeoutMs: 20_000 })
    const r = await measured(() => runner.run(['get', 'links', '-o', 'json']))
    expect(r.error).toMatchObject({ code: 'MALFORMED_OUTPUT', message: expect.stringMatching(/talosctl get links printed more than 4\.0 MiB/) })
    expect(r.ms).toBeLessThan(10_000)
    expect(r.growth).toBeLessThan(150 * MiB)
  })

  it('keeps a whole answer under the cap, and only a tail of a long stderr', async () => {
    const big = 'z'.repeat(3 * MiB)
    const noise = 'warning: retrying\n'.repeat(20_000)
    const exec: InProcessTalosctl = async (_args, o) => {
      o.onStderr?.(noise)
      o.onStdout?.(big)
      o.onStderr?.('last words\n')
      return { exitCode: 0, stdout: big, stderr: noise }
    }
    const runner = createTalosRunner({ talosctlPath: 'talosctl (demo lab)', exec, defaultTimeoutMs: 5_000 })
    const { stdout, stderr } = await runner.run(['get', 'disks'])
    expect(stdout).toBe(big)
    expect(stderr.length).toBeLessThanOrEqual(64 * 1024)
    expect(stderr.endsWith('retrying\nlast words\n')).toBe(true)
  })
})
