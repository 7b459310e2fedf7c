import { chmod, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDiagnostics, freeDiskCheck } from '@core/diagnostics/diagnostics'
import { talosctlClientVersion } from '@core/talos/client-version'
import { AppError } from '@shared/errors'
import { withTempDir } from '../../helpers/tmp'

describe('diagnostics', () => {
  it('reports talosctl, data folder, free disk and platform', async () => {
    await withTempDir(async (dir) => {
      const report = await createDiagnostics({
        dataDir: join(dir, 'data'),
        talosctlPath: '/opt/talosctl',
        talosctlClientVersion: async () => 'v1.11.6'
      }).run()
      expect(report.checks.map((c) => [c.id, c.status])).toEqual([
        ['talosctl', 'ok'],
        ['data-dir', 'ok'],
        ['free-disk', expect.stringMatching(/ok|warn|fail/)],
        ['platform', 'ok']
      ])
      expect(report.checks[0]!.detail).toBe('v1.11.6 at /opt/talosctl')
    })
  })

  it('fails the talosctl check with the next step when it is missing', async () => {
    await withTempDir(async (dir) => {
      const report = await createDiagnostics({
        dataDir: dir,
        talosctlPath: 'talosctl',
        talosctlClientVersion: async () => {
          throw new AppError('TALOSCTL_NOT_FOUND', 'nope')
        }
      }).run()
      expect(report.checks[0]).toMatchObject({ status: 'fail', hint: expect.stringMatching(/Settings/) })
    })
  })

  it('fails the data folder check when the folder cannot be written', async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, 'a-file')
      await writeFile(file, 'x')
      const report = await createDiagnostics({ dataDir: join(file, 'data'), talosctlPath: 't', talosctlClientVersion: async () => 'v1' }).run()
      expect(report.checks.find((c) => c.id === 'data-dir')!.status).toBe('fail')
    })
  })

  it.each([
    [512 * 1024 ** 2, 'fail'],
    [3 * 1024 ** 3, 'warn'],
    [50 * 1024 ** 3, 'ok']
  ])('judges %d free bytes as %s', (free, status) => {
    expect(freeDiskCheck(free).status).toBe(status)
  })

  it('reads the client version from a talosctl that prints it', async () => {
    await withTempDir(async (dir) => {
      const fake = join(dir, 'talosctl')
      await writeFile(fake, '#!/bin/sh\nprintf "Client:\\n\\tTalos v1.11.6\\n"\n')
      await chmod(fake, 0o755)
      expect(await talosctlClientVersion(fake)).toBe('v1.11.6')
    })
  })

  it('says TALOSCTL_NOT_FOUND for a path that does not exist', async () => {
    await expect(talosctlClientVersion('/nonexistent/talosctl')).rejects.toMatchObject({ code: 'TALOSCTL_NOT_FOUND' })
  })
})
