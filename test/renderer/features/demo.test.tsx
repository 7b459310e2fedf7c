import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { fixtures } from '../fake-wild'
import { renderApp } from '../render'

const info = (demo: boolean) => () => ({ version: '0.1.0', platform: 'linux', arch: 'x64', shell: 'electron' as const, demo, dataDir: '/d' })

describe('demo lab', () => {
  it('is offered from the first-run empty state', async () => {
    let demo = false
    const { user, wild } = await renderApp(
      {
        'app.info': () => info(demo)(),
        'instances.list': () => (demo ? [fixtures.instance('demo')] : []),
        'demo.enter': () => {
          demo = true
          return { ok: true }
        }
      },
      '#/setup'
    )
    await user.click(await screen.findByRole('button', { name: 'Explore with a demo lab' }))
    await waitFor(() => expect(wild.callsOf('demo.enter')).toHaveLength(1))
    const banner = await screen.findByRole('region', { name: 'Demo mode' })
    expect(banner.textContent).toMatch(/nothing is sent to your network/)
    expect(await screen.findByRole('button', { name: 'Instance: demo' })).toBeTruthy()
  })

  it('shows the banner in the demo and leaves it', async () => {
    let demo = true
    const { user, wild } = await renderApp({
      'app.info': () => info(demo)(),
      'instances.list': () => [fixtures.instance(demo ? 'demo' : 'home-lab')],
      'demo.leave': () => {
        demo = false
        return { ok: true }
      }
    })
    const banner = await screen.findByRole('region', { name: 'Demo mode' })
    await user.click(within(banner).getByRole('button', { name: 'Leave demo' }))
    await waitFor(() => expect(wild.callsOf('demo.leave')).toHaveLength(1))
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Demo mode' })).toBeNull())
    expect(await screen.findByRole('button', { name: 'Instance: home-lab' })).toBeTruthy()
  })

  it('asks before starting the demo over, and does nothing when the operator keeps it', async () => {
    const { user, wild } = await renderApp({
      'app.info': () => info(true)(),
      'instances.list': () => [fixtures.instance('demo')],
      'demo.reset': () => ({ ok: true })
    })
    const banner = await screen.findByRole('region', { name: 'Demo mode' })
    const startOver = within(banner).getByRole('button', { name: 'Start over' })
    await user.click(startOver)
    const dialog = await screen.findByRole('dialog', { name: 'Start the demo lab over?' })
    expect(wild.callsOf('demo.reset')).toEqual([])
    await user.click(within(dialog).getByRole('button', { name: 'Keep the demo as it is' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(wild.callsOf('demo.reset')).toEqual([])
    await user.click(startOver)
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Start over' }))
    await waitFor(() => expect(wild.callsOf('demo.reset')).toHaveLength(1))
  })

  it('drops every cached answer when the mode changes', async () => {
    let demo = false
    const { wild } = await renderApp({ 'app.info': () => info(demo)(), 'instances.list': () => [fixtures.instance(demo ? 'demo' : 'home-lab')] })
    expect(await screen.findByRole('button', { name: 'Instance: home-lab' })).toBeTruthy()
    demo = true
    wild.emit('app.modeChanged', { demo: true })
    expect(await screen.findByRole('button', { name: 'Instance: demo' })).toBeTruthy()
    expect(await screen.findByRole('region', { name: 'Demo mode' })).toBeTruthy()
  })
})
