import { describe, expect, it } from 'vitest'
import { createNativeDialogs } from '@main/shell/native-dialogs'

type Answer = { response?: number; canceled?: boolean; filePaths?: string[] }

/** Electron's dialog module as far as the adapter uses it, answering like an operator would. */
function fakeElectronDialog(answer: (kind: 'open' | 'message', options: { buttons?: string[] }) => Answer) {
  const calls: Array<{ kind: 'open' | 'message'; parent: unknown; options: Record<string, unknown> }> = []
  const record = (kind: 'open' | 'message', args: unknown[]) => {
    const [parent, options] = (args.length > 1 ? args : [null, args[0]]) as [unknown, Record<string, unknown>]
    calls.push({ kind, parent, options })
    return answer(kind, options)
  }
  const dialog = {
    showOpenDialog: async (...args: unknown[]) => ({ canceled: false, filePaths: [], ...record('open', args) }),
    showMessageBox: async (...args: unknown[]) => ({ response: 0, checkboxChecked: false, ...record('message', args) })
  }
  return { dialog: dialog as never, calls }
}

const win = { isDestroyed: () => false }

describe('native path dialogs', () => {
  it('confirms only when the operator presses the named OK button; Enter and Escape mean Cancel', async () => {
    const press = (label: string) => fakeElectronDialog((_k, o) => ({ response: o.buttons!.indexOf(label) }))
    const ok = press('Use this program')
    const args = { title: 'Use this talosctl?', message: 'Wild Central will run it.', path: '/opt/t/talosctl', confirmLabel: 'Use this program' }
    expect(await createNativeDialogs(ok.dialog, () => win as never).confirmPath(args)).toBe(true)
    const cancel = press('Cancel')
    expect(await createNativeDialogs(cancel.dialog, () => win as never).confirmPath(args)).toBe(false)

    const shown = ok.calls[0]!
    expect(shown.parent).toBe(win)
    const buttons = shown.options.buttons as string[]
    expect(buttons[shown.options.defaultId as number]).toBe('Cancel')
    expect(buttons[shown.options.cancelId as number]).toBe('Cancel')
    // The caller's text did not name the path: the adapter still shows it.
    expect(String(shown.options.detail)).toContain('/opt/t/talosctl')
  })

  it('returns the picked file or folder, or null when the picker is cancelled', async () => {
    const picked = fakeElectronDialog(() => ({ canceled: false, filePaths: ['/srv/wild'] }))
    const d = createNativeDialogs(picked.dialog, () => win as never)
    expect(await d.pickFolder({ title: 'Choose the data folder', defaultPath: '/home/op' })).toBe('/srv/wild')
    expect(picked.calls[0]!.options).toMatchObject({ defaultPath: '/home/op', properties: expect.arrayContaining(['openDirectory']) })

    const cancelled = fakeElectronDialog(() => ({ canceled: true, filePaths: ['/ignored'] }))
    expect(await createNativeDialogs(cancelled.dialog, () => win as never).pickFile({ title: 't' })).toBeNull()
    expect(cancelled.calls[0]!.options).toMatchObject({ properties: expect.arrayContaining(['openFile']) })
  })

  it('opens without a parent once the window is gone instead of throwing', async () => {
    const fake = fakeElectronDialog(() => ({ canceled: true }))
    await createNativeDialogs(fake.dialog, () => ({ isDestroyed: () => true }) as never).pickFile({ title: 't' })
    expect(fake.calls[0]!.parent).toBeNull()
  })
})
