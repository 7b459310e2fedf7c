import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Node } from '@shared/contract/nodes'
import { WINDOW_FROM } from '@renderer/ui/row-window'
import { fixtures } from '../fake-wild'
import { renderApp } from '../render'

const fleet = (): Node[] =>
  Array.from({ length: 250 }, (_, i) => fixtures.node({ hostname: `node-${String(i + 1).padStart(3, '0')}`, targetIp: `10.0.${i >> 8}.${(i & 255) + 1}` }))

const table = () => screen.getByRole('table', { name: 'Nodes' })
const bodyRows = () => within(table()).getAllByRole('row').slice(1)
const names = () => bodyRows().map((r) => within(r).getAllByRole('cell')[0]!.textContent)

describe('Nodes screen with a fleet', () => {
  it('renders the rows in view only, tells assistive technology there are 250, sorts and filters all of them', { timeout: 60_000 }, async () => {
    const { user } = await renderApp({ 'instances.list': () => [fixtures.instance('home-lab')], 'nodes.list': fleet }, '#/nodes')
    await screen.findByRole('table', { name: 'Nodes' })
    // 250 rows (and the header) for assistive technology, a window of them in the page.
    expect(table().getAttribute('aria-rowcount')).toBe('251')
    expect(bodyRows().length).toBeGreaterThan(0)
    expect(bodyRows().length).toBeLessThan(WINDOW_FROM)
    expect(bodyRows()[0]!.getAttribute('aria-rowindex')).toBe('2')
    expect(names()[0]).toBe('node-001')
    expect(screen.getByText(/250 nodes/)).toBeTruthy()
    // Sorting covers every row, not only those in view: the highest IP comes first.
    const ip = within(table()).getByRole('button', { name: /^IP/ })
    await user.click(ip)
    await user.click(ip)
    await waitFor(() => expect(names()[0]).toBe('node-250'))
    // A short result renders every row, without the window.
    await user.click(screen.getByLabelText('Filter nodes'))
    await user.paste('node-24')
    await waitFor(() => expect([...names()].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `node-24${i}`)))
    expect(table().getAttribute('aria-rowcount')).toBeNull()
  })
})
