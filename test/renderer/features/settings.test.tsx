import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Settings } from '../../../src/shared/contract/app'
import { FakeError, fixtures, pending } from '../fake-wild'
import { renderApp } from '../render'

function settingsWorld(initial: Settings = fixtures.settings()) {
  let current = initial
  return {
    'settings.get': () => current,
    'settings.set': (patch: Partial<Settings>) => (current = { ...current, ...patch })
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
    const talosctl = screen.getByRole('textbox', { name: 'talosctl path' })
    await user.clear(talosctl)
    await user.type(talosctl, '/usr/local/bin/talosctl')
    await user.click(screen.getByRole('button', { name: 'Save settings' }))
    await waitFor(() =>
      expect(wild.callsOf('settings.set')).toEqual([{ proxy: 'http://proxy.local:3128', talosctlPath: '/usr/local/bin/talosctl' }])
    )
    expect(await screen.findByText('Settings saved')).toBeTruthy()
  })

  it('shows a save error next to the form', async () => {
    const { user } = await renderApp(
      {
        'settings.set': () => {
          throw new FakeError('VALIDATION', 'Invalid setting dataDir: not writable')
        }
      },
      '#/settings'
    )
    const dir = await screen.findByRole('textbox', { name: 'Data folder' })
    await user.type(dir, '-x')
    await user.click(screen.getByRole('button', { name: 'Save settings' }))
    expect((await screen.findByRole('alert')).textContent).toMatch(/not writable/)
  })

  it('applies a theme at once and stores it', async () => {
    const { user, wild } = await renderApp(settingsWorld(), '#/settings')
    await user.click(await screen.findByRole('radio', { name: 'Dark' }))
    expect(document.documentElement.dataset.theme).toBe('dark')
    await waitFor(() => expect(wild.callsOf('settings.set')).toEqual([{ theme: 'dark' }]))
    await waitFor(() => expect(screen.getByRole('radio', { name: 'Dark' }).getAttribute('aria-checked')).toBe('true'))
  })
})
