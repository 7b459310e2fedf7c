import { screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { FakeError } from '../fake-wild'
import { renderApp } from '../render'

// A whole app renders per test: allow for a busy machine.
describe('Diagnostics: logs and the support bundle', { timeout: 20_000 }, () => {
  it('asks main to open the logs folder', async () => {
    const { user, wild } = await renderApp({ 'diagnostics.openLogs': () => ({ path: '/data/logs' }) }, '#/diagnostics')
    await user.click(await screen.findByRole('button', { name: 'Open logs' }))
    await waitFor(() => expect(wild.callsOf('diagnostics.openLogs')).toEqual([{}]))
  })

  it('saves the bundle where main asked, and says where it went', async () => {
    const { user } = await renderApp(
      { 'diagnostics.saveBundle': () => ({ saved: true, file: '/home/a/wild-central-diagnostics.zip', entries: ['versions.json', 'logs/app.log'] }) },
      '#/diagnostics'
    )
    await user.click(await screen.findByRole('button', { name: 'Save a diagnostics bundle' }))
    expect(await screen.findByText('/home/a/wild-central-diagnostics.zip')).toBeTruthy()
    expect(screen.getByText(/2 files/)).toBeTruthy()
  })

  it('says nothing was saved when the operator cancelled, and shows errors', async () => {
    const { user } = await renderApp(
      {
        'diagnostics.saveBundle': () => ({ saved: false, file: null, entries: [] }),
        'diagnostics.openLogs': () => {
          throw new FakeError('FORBIDDEN', 'Opening folders needs the desktop app.')
        }
      },
      '#/diagnostics'
    )
    await user.click(await screen.findByRole('button', { name: 'Save a diagnostics bundle' }))
    await user.click(screen.getByRole('button', { name: 'Open logs' }))
    expect(await screen.findByText(/needs the desktop app/)).toBeTruthy()
    expect(screen.queryByText(/^Saved/)).toBeNull()
  })
})
