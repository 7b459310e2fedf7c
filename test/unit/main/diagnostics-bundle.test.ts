import { stat, writeFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createAppContext, type AppContext, type ShellFiles } from '@main/app-context'
import { createHandlers } from '@main/handlers'
import { dispatch } from '@main/ipc/dispatch'
import { createMemorySettings, defaultSettings } from '@core/app-settings'
import { makeTempDir } from '../../helpers/tmp'
import { readZip } from '../../helpers/zip-listing'

let open: AppContext[] = []
afterEach(async () => {
  for (const ctx of open) await ctx.close()
  open = []
})

/** The shell's file manager and save dialog, scripted: records what main asked for. */
async function world(saveAs: string | null, withFiles = true) {
  const dir = await makeTempDir()
  const dataDir = join(dir, 'data')
  const opened: string[] = []
  const asked: unknown[] = []
  const files: ShellFiles = {
    openPath: async (p) => void opened.push(p),
    pickSaveFile: async (o) => (asked.push(o), saveAs && join(dir, saveAs))
  }
  const ctx = createAppContext({
    // A talosctl that does not exist: the bundle must still be written, saying so.
    settings: createMemorySettings({ ...defaultSettings(dir, {}), dataDir, talosctlPath: join(dir, 'no-talosctl') }),
    shell: { kind: 'electron', version: '9.9.9', openExternal: async () => {}, files: withFiles ? files : undefined }
  })
  open.push(ctx)
  return { dir, dataDir, opened, asked, call: (name: string) => dispatch(createHandlers(ctx), name, {}) }
}

describe('Open logs and Save a diagnostics bundle (main process)', () => {
  it('opens the logs folder of the data folder, making it 0700 first', async () => {
    const w = await world(null)
    const r = await w.call('diagnostics.openLogs')
    expect(r).toEqual({ ok: true, value: { path: join(w.dataDir, 'logs') } })
    expect(w.opened).toEqual([join(w.dataDir, 'logs')])
    if (process.platform !== 'win32') expect((await stat(join(w.dataDir, 'logs'))).mode & 0o777).toBe(0o700)
  })

  it('writes the zip where the operator chose, with versions and logs', async () => {
    const w = await world('support.zip')
    await mkdir(join(w.dataDir, 'logs'), { recursive: true })
    await writeFile(join(w.dataDir, 'logs', 'app.log'), '{"msg":"app started"}\n')
    const r = (await w.call('diagnostics.saveBundle')) as { ok: true; value: { saved: boolean; file: string; entries: string[] } }
    expect(r.value).toMatchObject({ saved: true, file: join(w.dir, 'support.zip') })
    expect(w.asked).toEqual([
      expect.objectContaining({ title: 'Save a diagnostics bundle', defaultPath: expect.stringMatching(/wild-central-diagnostics-.*\.zip$/) })
    ])
    const zip = await readZip(join(w.dir, 'support.zip'))
    expect([...zip.keys()]).toEqual(expect.arrayContaining(['versions.json', 'settings.json', 'logs/app.log']))
    expect(JSON.parse(zip.get('versions.json')!)).toMatchObject({ app: '9.9.9', talosctl: expect.stringMatching(/^unavailable: /) })
  })

  it('writes nothing when the operator cancels', async () => {
    const w = await world(null)
    expect(await w.call('diagnostics.saveBundle')).toEqual({ ok: true, value: { saved: false, file: null, entries: [] } })
  })

  it('explains the CLI way outside the desktop app', async () => {
    const w = await world(null, false)
    expect(await w.call('diagnostics.saveBundle')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('wild diagnostics bundle') }
    })
  })
})
