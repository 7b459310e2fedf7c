import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Node } from '../../../src/shared/contract/nodes'
import { FIRST_SLICE } from '../../../src/renderer/src/ui/progressive'
import { fixtures } from '../fake-wild'
import { renderApp } from '../render'

const fleet = (): Node[] =>
  Array.from({ length: 250 }, (_, i) => fixtures.node({ hostname: `node-${String(i + 1).padStart(3, '0')}`, targetIp: `10.0.${i >> 8}.${(i & 255) + 1}` }))

const bodyRows = () =>
  within(screen.getByRole('table', { name: 'Nodes' }))
    .getAllByRole('row')
    .slice(1)

describe('Nodes screen with a fleet', () => {
  it('mounts the first slice at once and the rest over the next frames, then filters and starts over', { timeout: 60_000 }, async () => {
    const { user } = await renderApp({ 'instances.list': () => [fixtures.instance('home-lab')], 'nodes.list': fleet }, '#/nodes')
    await screen.findByRole('table', { name: 'Nodes' })
    // The first commit with data holds one slice, never all 250 rows.
    expect(bodyRows().length).toBeLessThanOrEqual(FIRST_SLICE)
    await waitFor(() => expect(bodyRows()).toHaveLength(250), { timeout: 30_000 })
    expect(screen.getByText(/250 nodes/)).toBeTruthy()
    await user.click(screen.getByLabelText('Filter nodes'))
    await user.paste('node-24')
    await waitFor(() =>
      expect(bodyRows().map((r) => within(r).getAllByRole('cell')[0]!.textContent)).toEqual(Array.from({ length: 10 }, (_, i) => `node-24${i}`))
    )
  })
})
