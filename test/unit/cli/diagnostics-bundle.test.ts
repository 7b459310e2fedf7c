import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runWild } from '../../helpers/cli'
import { withTempDir } from '../../helpers/tmp'
import { readZip } from '../../helpers/zip-listing'
import { PEM_KEY, TALOSCONFIG } from '../../helpers/secrets'

describe('wild diagnostics bundle', () => {
  it('writes the zip named by --output with logs and versions, and no secret', async () => {
    await withTempDir(async (dir) => {
      const data = join(dir, 'data')
      await mkdir(join(data, 'logs'), { recursive: true })
      await writeFile(join(data, 'logs', 'talosctl.log'), `{"msg":"failed","stderr":"${PEM_KEY.replaceAll('\n', '\\n')}"}\n`)
      await mkdir(join(data, 'instances', 'lab', 'talos', 'generated'), { recursive: true })
      await writeFile(join(data, 'instances', 'lab', 'talos', 'generated', 'talosconfig'), TALOSCONFIG)
      const out = join(dir, 'b.zip')
      const r = await runWild(['--json', '--data-dir', data, '--talosctl', join(dir, 'none'), 'diagnostics', 'bundle', '--output', out], {
        XDG_CONFIG_HOME: dir
      })
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      expect(r.json()).toMatchObject({ saved: true, file: out, entries: expect.arrayContaining(['versions.json', 'logs/talosctl.log']) })
      const zip = await readZip(out)
      expect([...zip.keys()].some((k) => k.includes('talosconfig'))).toBe(false)
      expect(zip.get('logs/talosctl.log')).not.toContain('FakeFakeFake')
    })
  })

  it('keeps plain `wild diagnostics` as the checks', async () => {
    await withTempDir(async (dir) => {
      const r = await runWild(['--json', '--data-dir', dir, '--talosctl', join(dir, 'none'), 'diagnostics'], { XDG_CONFIG_HOME: dir })
      expect(r.json()).toMatchObject({ checks: expect.any(Array) })
    })
  })
})
