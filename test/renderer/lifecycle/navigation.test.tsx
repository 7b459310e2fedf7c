import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Node } from '@shared/contract/nodes'
import { fixtures, type FakeHandlers } from '../fake-wild'
import { renderApp } from '../render'

const base = fixtures.cluster({ vip: '192.168.1.50', network: { subnet: '192.168.1.0/24', gateway: '192.168.1.1', dnsServers: [] } })
const running = { ...base, bootstrapped: { node: 'cp-1', at: new Date().toISOString() } }

function handlers(cluster: typeof base, nodes: Node[]): FakeHandlers {
  return {
    'instances.list': () => [fixtures.instance('home-lab')],
    'cluster.settings.get': () => cluster,
    'nodes.list': () => nodes,
    'operations.list': () => [],
    'discovery.suggest': () => [],
    'discovery.status': () => fixtures.discovery(),
    'assets.list': () => []
  }
}

const stepNames = () =>
  within(screen.getByRole('navigation', { name: 'Setup steps' }))
    .getAllByRole('listitem')
    // The full name is the accessible one (the bar shows a short word beside it).
    .map((li) => li.querySelector('.sr-only')?.textContent)

describe('wizard navigation', () => {
  it('"Add a node" on Nodes opens the wizard at Find the machine', async () => {
    const { user } = await renderApp(handlers(running, [fixtures.node({ state: 'ready', deployed: true })]), '#/nodes')
    await user.click(await screen.findByRole('button', { name: 'Add a node' }))
    expect(await screen.findByRole('heading', { name: 'Set up: Find the machine', level: 1 })).toBeTruthy()
    expect(window.location.hash).toBe('#/setup/find')
  })

  it('adding to a running cluster leaves Bootstrap out of the step bar', async () => {
    await renderApp(handlers(running, [fixtures.node({ state: 'ready', deployed: true })]), '#/setup/find')
    await screen.findByRole('heading', { name: 'Set up: Find the machine', level: 1 })
    expect(stepNames()).not.toContain('Bootstrap')
    expect(stepNames()).toContain('Find the machine')
  })

  it('the first node still shows Bootstrap, and the bar never wraps', async () => {
    await renderApp(handlers(base, []), '#/setup')
    await screen.findByRole('heading', { name: /Set up:/, level: 1 })
    expect(stepNames()).toContain('Bootstrap')
    expect(within(screen.getByRole('navigation', { name: 'Setup steps' })).getByRole('list').className).toMatch(/flex-nowrap/)
  })
})
