import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Node } from '@shared/contract/nodes'
import type { Operation } from '@shared/contract/operations'
import { deriveWizard } from '@renderer/features/setup/derive'
import { fixtures, type FakeHandlers } from '../fake-wild'
import { renderApp } from '../render'

const cluster = fixtures.cluster({ vip: '192.168.1.50', network: { subnet: '192.168.1.0/24', gateway: '192.168.1.1', dnsServers: [] } })
const WAIT = 'Wait for the node at its target address'
const REASON = 'Stopped waiting — the machine keeps installing. Resume checks where it is now and continues from there.'

function handlers(nodes: Node[], ops: Operation[]): FakeHandlers {
  return {
    'instances.list': () => [fixtures.instance('home-lab')],
    'cluster.settings.get': () => cluster,
    'nodes.list': () => nodes,
    'operations.list': () => ops,
    'operations.cancel': ({ id }) => ({ ...ops[0]!, id, status: 'cancelled' }),
    'nodes.setup': () => ({ operationId: 'op_setup_2' })
  }
}

const at = (msAgo: number) => new Date(Date.now() - msAgo).toISOString()

function waitingOp(status: Operation['status']): Operation {
  const running = status === 'running'
  return fixtures.operation({
    id: 'op_setup_1',
    type: 'setup',
    target: 'cp-1',
    status,
    startedAt: at(120_000),
    endedAt: running ? null : at(0),
    currentStep: running ? WAIT : null,
    bytesDone: null,
    bytesTotal: null,
    bytesPerSecond: null,
    error: running ? null : { code: 'CANCELLED', message: 'The job was cancelled.' },
    steps: [
      { name: 'Apply configuration', status: 'completed', startedAt: at(120_000), endedAt: at(110_000), message: null },
      { name: 'Wait for the install to start', status: 'completed', startedAt: at(110_000), endedAt: at(109_000), message: null },
      { name: WAIT, status: running ? 'running' : 'cancelled', startedAt: at(109_000), endedAt: running ? null : at(0), message: null },
      { name: 'Mark node ready', status: 'pending', startedAt: null, endedAt: null, message: null }
    ]
  })
}

describe('honest install states', () => {
  it('the cancel while waiting at the new address says what it does before doing it', async () => {
    const { user, wild } = await renderApp(handlers([fixtures.node({ state: 'installing' })], [waitingOp('running')]), '#/setup')
    const stop = await screen.findByRole('button', { name: 'Stop waiting — the machine keeps installing' })
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull()
    await user.click(stop)
    await waitFor(() => expect(wild.callsOf('operations.cancel')).toEqual([{ instance: 'home-lab', id: 'op_setup_1' }]))
  })

  it('before the configuration is sent, cancel is a plain cancel', async () => {
    const op = { ...waitingOp('running'), currentStep: 'Write node configuration' }
    await renderApp(handlers([fixtures.node({ state: 'configured' })], [op]), '#/setup')
    expect(await screen.findByRole('button', { name: 'Cancel' })).toBeTruthy()
    expect(screen.queryByRole('button', { name: /Stop waiting/ })).toBeNull()
  })

  it('an interrupted node says why, calmly, and offers Resume (not a failure, not Bootstrap)', async () => {
    const node = fixtures.node({ state: 'interrupted', stateReason: REASON })
    const { user, wild } = await renderApp(handlers([node], [waitingOp('cancelled')]), '#/setup')
    expect(await screen.findByRole('heading', { name: 'Set up: Install', level: 1 })).toBeTruthy()
    const note = screen.getByRole('status', { name: 'Stopped' })
    expect(note.textContent).toContain(REASON)
    expect(screen.queryByRole('alert')).toBeNull()
    await user.click(within(note).getByRole('button', { name: 'Resume' }))
    await waitFor(() => expect(wild.callsOf('nodes.setup')).toEqual([{ instance: 'home-lab', hostname: 'cp-1' }]))
  })

  it('the wizard puts an interrupted node at the install step', () => {
    const w = deriveWizard({ cluster, nodes: [fixtures.node({ state: 'interrupted' })], ops: [], route: [] })
    expect(w.natural).toBe('apply')
  })
})
