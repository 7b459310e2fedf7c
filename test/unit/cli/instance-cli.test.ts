import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runWild } from '../../helpers/cli'
import { withTempDir } from '../../helpers/tmp'

describe('wild instance', () => {
  it('creates, lists, switches and deletes instances with the documented exit codes', async () => {
    await withTempDir(async (dir) => {
      const d = ['--data-dir', dir]
      const created = await runWild([...d, '--json', 'instance', 'create', 'alpha'])
      expect(created.code).toBe(0)
      expect(created.json()).toMatchObject({ name: 'alpha', current: true })
      expect(existsSync(join(dir, 'instances', 'alpha', 'config.yaml'))).toBe(true)

      expect((await runWild([...d, 'instance', 'create', 'beta', '--no-use'])).code).toBe(0)
      const list = await runWild([...d, '--json', 'instance', 'list'])
      expect((list.json() as { name: string; current: boolean }[]).map((i) => [i.name, i.current])).toEqual([
        ['alpha', true],
        ['beta', false]
      ])
      expect((await runWild([...d, 'instance', 'use', 'beta'])).stdout).toMatch(/Now using instance beta/)

      const refused = await runWild([...d, '--json', 'instance', 'delete', 'beta', '--confirm', 'alpha'])
      expect(refused.code).toBe(1)
      expect(refused.json()).toEqual({ error: { code: 'VALIDATION', message: expect.stringMatching(/Type the instance name/) } })
      expect((await runWild([...d, 'instance', 'delete', 'beta', '--confirm', 'beta'])).code).toBe(0)
      expect(existsSync(join(dir, 'instances', 'beta'))).toBe(false)
    })
  })

  it('reads the data folder from WILD_CENTRAL_DATA', async () => {
    await withTempDir(async (dir) => {
      const r = await runWild(['instance', 'create', 'envy'], { WILD_CENTRAL_DATA: dir })
      expect(r.code).toBe(0)
      expect(existsSync(join(dir, 'instances', 'envy'))).toBe(true)
    })
  })

  it('exits 1 with a JSON error for an operational failure', async () => {
    await withTempDir(async (dir) => {
      const r = await runWild(['--data-dir', dir, '--json', 'instance', 'use', 'ghost'])
      expect(r.code).toBe(1)
      expect(r.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } })
      expect(r.stderr).toMatch(/ghost/)
    })
  })

  it('exits 2 on a usage error', async () => {
    expect((await runWild(['instance', 'frobnicate'])).code).toBe(2)
    expect((await runWild(['--no-such-flag'])).code).toBe(2)
    expect((await runWild(['instance', 'delete', 'x'])).code).toBe(2)
  })

  it('reports diagnostics as JSON and fails when talosctl is missing', async () => {
    await withTempDir(async (dir) => {
      const r = await runWild(['--data-dir', dir, '--talosctl', join(dir, 'missing'), '--json', 'diagnostics'])
      expect(r.code).toBe(1)
      const report = r.json() as { checks: { id: string; status: string }[] }
      expect(report.checks.find((c) => c.id === 'talosctl')!.status).toBe('fail')
      expect(report.checks.find((c) => c.id === 'data-dir')!.status).toBe('ok')
    })
  })
})
