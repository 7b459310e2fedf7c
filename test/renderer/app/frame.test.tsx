import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { FakeError, fixtures, pending } from '../fake-wild'
import { renderApp, routeHash } from '../render'

const SECTION_NAMES = ['Setup', 'Nodes', 'Discovery', 'Boot assets', 'Network boot', 'Operations', 'Diagnostics', 'Settings']

describe('app frame', () => {
  it('names the sidebar links exactly, in order', async () => {
    await renderApp()
    const nav = screen.getByRole('navigation', { name: 'Sections' })
    expect(
      within(nav)
        .getAllByRole('link')
        .map((a) => a.getAttribute('aria-label'))
    ).toEqual(SECTION_NAMES)
    for (const name of SECTION_NAMES) expect(within(nav).getByRole('link', { name })).toBeTruthy()
  })

  it('marks the current section and switches with Ctrl+number', async () => {
    await renderApp({}, '#/settings')
    expect(screen.getByRole('link', { name: 'Settings' }).getAttribute('aria-current')).toBe('page')
    fireEvent.keyDown(window, { key: '7', ctrlKey: true })
    await waitFor(() => expect(routeHash()).toBe('#/diagnostics'))
    // The screen is in the URL, so a reload comes back to it.
    expect(window.location.hash).toBe('#/diagnostics')
    expect(await screen.findByRole('heading', { name: 'Diagnostics', level: 1 })).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Diagnostics' }).getAttribute('aria-current')).toBe('page')
  })

  it('opens a section from its link, keeps it in the URL, and goes back with the history', async () => {
    const { user } = await renderApp({}, '#/nodes')
    await user.click(screen.getByRole('link', { name: 'Settings' }))
    expect(await screen.findByRole('heading', { name: 'Settings', level: 1 })).toBeTruthy()
    expect(window.location.hash).toBe('#/settings')
    window.history.back()
    await waitFor(() => expect(routeHash()).toBe('#/nodes'))
  })

  it('shows the instance empty state on screens that need an instance', async () => {
    await renderApp({ 'instances.list': () => [] }, '#/nodes')
    expect(await screen.findByRole('heading', { name: 'Create your first instance' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Choose instance' })).toBeTruthy()
  })

  it('asks to choose when instances exist but none is current', async () => {
    const { user, wild } = await renderApp(
      {
        'instances.list': () => [fixtures.instance('lab-a', { current: false }), fixtures.instance('lab-b', { current: false })],
        'instances.use': ({ instance }) => fixtures.instance(instance)
      },
      '#/setup'
    )
    expect(await screen.findByRole('heading', { name: 'Choose an instance' })).toBeTruthy()
    await user.click(screen.getByRole('button', { name: /lab-b/ }))
    await waitFor(() => expect(wild.callsOf('instances.use')).toEqual([{ instance: 'lab-b' }]))
  })

  it('shows a loading state with words while instances load', async () => {
    await renderApp({ 'instances.list': () => pending() }, '#/nodes')
    expect(screen.getByRole('status').textContent).toMatch(/Loading instances/)
  })

  it('shows the error and a retry when instances cannot be listed', async () => {
    let fail = true
    const { user } = await renderApp(
      {
        'instances.list': () => {
          if (fail) throw new FakeError('IO', 'The data folder /x cannot be read.')
          return [fixtures.instance()]
        }
      },
      '#/nodes'
    )
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/cannot be read/)
    expect(alert.textContent).toMatch(/data folder in Settings/)
    fail = false
    await user.click(within(alert).getByRole('button', { name: 'Try again' }))
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull())
  })

  it('does not need an instance for Settings and Diagnostics', async () => {
    await renderApp({ 'instances.list': () => [] }, '#/diagnostics')
    expect(await screen.findByRole('heading', { name: 'Diagnostics', level: 1 })).toBeTruthy()
  })

  it('follows the theme from settings and from settings.changed', async () => {
    const { wild } = await renderApp({ 'settings.get': () => ({ ...fixtures.settings(), theme: 'dark' }) })
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'))
    wild.emit('settings.changed', { ...fixtures.settings(), theme: 'light' })
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'))
  })
})
