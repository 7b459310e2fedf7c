import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { FakeError, fixtures, pending } from '../fake-wild'
import { renderApp, routeHash } from '../render'

describe('Diagnostics screen', () => {
  it('says what it checks while it runs', async () => {
    await renderApp({ 'diagnostics.run': () => pending() }, '#/diagnostics')
    expect((await screen.findByText(/Checking talosctl/)).closest('[role=status]')).toBeTruthy()
  })

  it('shows an error with a retry when the checks cannot run', async () => {
    await renderApp(
      {
        'diagnostics.run': () => {
          throw new FakeError('INTERNAL', 'diagnostics crashed')
        }
      },
      '#/diagnostics'
    )
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/diagnostics crashed/)
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy()
  })

  it('lists each check with its status, detail and hint', async () => {
    const report = fixtures.diagnostics()
    report.checks[0] = {
      id: 'talosctl',
      label: 'talosctl',
      status: 'fail',
      detail: 'talosctl was not found (looked for "talosctl")',
      hint: 'Install talosctl (see talos.dev, "Install talosctl"), or set its path in Settings.'
    }
    const { user, wild } = await renderApp({ 'diagnostics.run': () => report, 'app.openExternal': () => ({ ok: true }) }, '#/diagnostics')
    const list = await screen.findByRole('list', { name: 'Checks' })
    const items = within(list).getAllByRole('listitem')
    expect(items).toHaveLength(4)
    expect(items[0]!.textContent).toMatch(/Problem/)
    expect(items[0]!.textContent).toMatch(/Install talosctl/)
    expect(items[1]!.textContent).toMatch(/OK/)
    expect(screen.getByText('1 problem to fix', { exact: false })).toBeTruthy()
    await user.click(within(items[0]!).getByRole('link', { name: /How to install talosctl/ }))
    expect(wild.callsOf('app.openExternal')).toEqual([{ url: 'https://www.talos.dev/latest/talos-guides/install/talosctl/' }])
    await user.click(within(items[0]!).getByRole('button', { name: 'Open Settings' }))
    await waitFor(() => expect(routeHash()).toBe('#/settings'))
  })

  it('runs the checks again on request', async () => {
    const { user, wild } = await renderApp({}, '#/diagnostics')
    await screen.findByRole('list', { name: 'Checks' })
    await user.click(screen.getByRole('button', { name: 'Run again' }))
    await waitFor(() => expect(wild.callsOf('diagnostics.run').length).toBe(2))
    expect(screen.getByText(/Everything looks good/)).toBeTruthy()
    expect(screen.getByText('the desktop app')).toBeTruthy()
  })
})
