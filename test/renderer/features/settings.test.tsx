import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Settings } from '@shared/contract/app'
import { FakeError, fixtures, pending } from '../fake-wild'
import { renderApp } from '../render'

function settingsWorld(initial: Settings = fixtures.settings()) {
  let current = initial
  return {
    'settings.get': () => current,
    'settings.set': (patch: Partial<Settings>) => (current = { ...current, ...patch })
  }
}

/** Main's side of a Change… button: the operator picks `picked` in the native dialog, or cancels (null). */
function choosing(key: 'talosctlPath' | 'dataDir', picked: string | null) {
  let current = fixtures.settings()
  const choose = () => {
    if (picked === null) return { changed: false, settings: current }
    current = { ...current, [key]: picked }
    return { changed: true, settings: current }
  }
  return {
    'settings.get': () => current,
    [key === 'talosctlPath' ? 'settings.chooseTalosctl' : 'settings.chooseDataDir']: choose
  }
}

describe('Settings screen', () => {
  it('shows words while loading', async () => {
    await renderApp({ 'settings.get': () => pending() }, '#/settings')
    expect((await screen.findByText(/Loading settings/)).closest('[role=status]')).toBeTruthy()
  })

  it('shows the error with a retry when settings cannot be read', async () => {
    await renderApp(
      {
        'settings.get': () => {
          throw new FakeError('IO', 'settings.json is unreadable')
        }
      },
      '#/settings'
    )
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/settings.json is unreadable/)
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy()
  })

  it('fills the form from the settings', async () => {
    await renderApp({}, '#/settings')
    expect(((await screen.findByRole('textbox', { name: 'Data folder' })) as HTMLInputElement).value).toBe('/home/op/.config/wild-central/data')
    expect((screen.getByRole('textbox', { name: 'talosctl path' }) as HTMLInputElement).value).toBe('talosctl')
    expect((screen.getByRole('textbox', { name: /HTTP\(S\) proxy/ }) as HTMLInputElement).value).toBe('')
    expect((screen.getByRole('textbox', { name: 'Image Factory URL' }) as HTMLInputElement).value).toBe('https://factory.talos.dev')
    expect((screen.getByRole('button', { name: 'Save settings' }) as HTMLButtonElement).disabled).toBe(true)
    expect(await screen.findByText(/v1.10.3 at talosctl/)).toBeTruthy()
  })

  it('refuses a proxy without a scheme, inline', async () => {
    const { user, wild } = await renderApp(settingsWorld(), '#/settings')
    const proxy = await screen.findByRole('textbox', { name: /HTTP\(S\) proxy/ })
    await user.type(proxy, 'proxy.local:3128')
    await user.click(screen.getByRole('button', { name: 'Save settings' }))
    expect(await screen.findByText(/with its scheme and port/)).toBeTruthy()
    expect(proxy.getAttribute('aria-invalid')).toBe('true')
    expect(wild.callsOf('settings.set')).toEqual([])
  })

  it('saves only the fields that changed', async () => {
    const { user, wild } = await renderApp(settingsWorld(), '#/settings')
    await user.type(await screen.findByRole('textbox', { name: /HTTP\(S\) proxy/ }), 'http://proxy.local:3128')
    const factory = screen.getByRole('textbox', { name: 'Image Factory URL' })
    await user.clear(factory)
    await user.type(factory, 'https://factory.example')
    await user.click(screen.getByRole('button', { name: 'Save settings' }))
    await waitFor(() => expect(wild.callsOf('settings.set')).toEqual([{ proxy: 'http://proxy.local:3128', factoryUrl: 'https://factory.example' }]))
    expect(await screen.findByText('Settings saved')).toBeTruthy()
  })

  it('shows a save error next to the form', async () => {
    const { user } = await renderApp(
      {
        'settings.set': () => {
          throw new FakeError('VALIDATION', 'Invalid setting proxy: unreachable')
        }
      },
      '#/settings'
    )
    await user.type(await screen.findByRole('textbox', { name: /HTTP\(S\) proxy/ }), 'http://proxy.local:3128')
    await user.click(screen.getByRole('button', { name: 'Save settings' }))
    expect((await screen.findByRole('alert')).textContent).toMatch(/unreachable/)
  })

  it('applies a theme at once and stores it', async () => {
    const { user, wild } = await renderApp(settingsWorld(), '#/settings')
    await user.click(await screen.findByRole('radio', { name: 'Dark' }))
    expect(document.documentElement.dataset.theme).toBe('dark')
    await waitFor(() => expect(wild.callsOf('settings.set')).toEqual([{ theme: 'dark' }]))
    await waitFor(() => expect(screen.getByRole('radio', { name: 'Dark' }).getAttribute('aria-checked')).toBe('true'))
  })

  it('shows the data folder and talosctl path read-only: the page cannot type a new one', async () => {
    const { user, wild } = await renderApp(settingsWorld(), '#/settings')
    const dir = (await screen.findByRole('textbox', { name: 'Data folder' })) as HTMLInputElement
    const talosctl = screen.getByRole('textbox', { name: 'talosctl path' }) as HTMLInputElement
    expect(dir.readOnly).toBe(true)
    expect(talosctl.readOnly).toBe(true)
    await user.type(talosctl, '-evil')
    expect(talosctl.value).toBe('talosctl')
    expect(wild.callsOf('settings.set')).toEqual([])
  })

  it('Change… for talosctl lets main ask the operator, sends no path, and shows the chosen program', async () => {
    const { user, wild } = await renderApp(choosing('talosctlPath', '/opt/talos/talosctl'), '#/settings')
    await user.click(await screen.findByRole('button', { name: 'Change… the talosctl program' }))
    await waitFor(() => expect((screen.getByRole('textbox', { name: 'talosctl path' }) as HTMLInputElement).value).toBe('/opt/talos/talosctl'))
    expect(wild.callsOf('settings.chooseTalosctl')).toEqual([{}])
    expect(await screen.findByText('talosctl changed')).toBeTruthy()
    // Its status is looked up again for the new program.
    await waitFor(() => expect(wild.callsOf('diagnostics.run').length).toBeGreaterThan(1))
  })

  it('Change… for the data folder: a cancelled dialog changes nothing and says nothing', async () => {
    const { user, wild } = await renderApp(choosing('dataDir', null), '#/settings')
    await user.click(await screen.findByRole('button', { name: 'Change… the data folder' }))
    await waitFor(() => expect(wild.callsOf('settings.chooseDataDir')).toEqual([{}]))
    expect((screen.getByRole('textbox', { name: 'Data folder' }) as HTMLInputElement).value).toBe('/home/op/.config/wild-central/data')
    expect(screen.queryByText('Data folder changed')).toBeNull()
  })

  it('Change… for the data folder shows the folder the operator picked', async () => {
    const { user } = await renderApp(choosing('dataDir', '/srv/wild'), '#/settings')
    await user.click(await screen.findByRole('button', { name: 'Change… the data folder' }))
    await waitFor(() => expect((screen.getByRole('textbox', { name: 'Data folder' }) as HTMLInputElement).value).toBe('/srv/wild'))
    expect(await screen.findByText('Data folder changed')).toBeTruthy()
  })

  it('says why next to the button when no dialog can be shown (browser preview)', async () => {
    const { user } = await renderApp(
      {
        'settings.chooseTalosctl': () => {
          throw new FakeError('FORBIDDEN', 'The talosctl path changes only through the desktop app: start the preview with --talosctl instead.')
        }
      },
      '#/settings'
    )
    await user.click(await screen.findByRole('button', { name: 'Change… the talosctl program' }))
    expect((await screen.findByRole('alert')).textContent).toMatch(/--talosctl/)
  })
})
