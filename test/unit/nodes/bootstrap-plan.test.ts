import { describe, expect, it } from 'vitest'
import { bootstrapOutcome, chooseBootstrapNode, controlPlaneEndpoints, healthNodes } from '@core/cluster/bootstrap-plan'
import type { NodeRecord } from '@core/nodes/model'
import { AppError } from '@shared/errors'

const rec = (hostname: string, role: NodeRecord['role'], deployed: boolean, targetIp: string): NodeRecord => ({
  hostname,
  role,
  mac: null,
  targetIp,
  currentIp: null,
  interface: null,
  disk: null,
  version: null,
  schematicId: null,
  configured: deployed,
  deployed,
  applied: deployed,
  state: deployed ? 'ready' : 'added',
  stateReason: null
})

describe('bootstrap decisions', () => {
  it.each<[string, unknown, string]>([
    ['AlreadyExists', new AppError('ALREADY_BOOTSTRAPPED', 'x'), 'done'],
    ['time not in sync', new AppError('BUSY', 'not ready (time is not in sync yet)'), 'retry'],
    ['bootstrap not available yet (in stderr)', new AppError('BUSY', 'x', { stderrTail: 'FailedPrecondition desc = bootstrap is not available yet' }), 'retry'],
    ['apid restarting', new AppError('NODE_UNREACHABLE', 'refused'), 'retry'],
    ['a slow answer', new AppError('TIMEOUT', 'slow'), 'retry'],
    ['bad credentials', new AppError('CERT_OR_AUTH', 'x509'), 'fail'],
    ['a plain error', new Error('boom'), 'fail']
  ])('%s → %s', (_name, err, outcome) => {
    expect(bootstrapOutcome(err)).toBe(outcome)
  })

  const nodes = [
    rec('w-1', 'worker', true, '10.0.0.21'),
    rec('cp-1', 'controlplane', true, '10.0.0.11'),
    rec('cp-2', 'controlplane', true, '10.0.0.12'),
    rec('cp-3', 'controlplane', false, '10.0.0.13')
  ]

  it('refuses to bootstrap a worker', () => {
    expect(() => chooseBootstrapNode(nodes, 'w-1')).toThrow(/w-1 is a worker.*cp-1, cp-2, cp-3/)
  })

  it('refuses a control-plane node that is not set up yet', () => {
    expect(() => chooseBootstrapNode(nodes, 'cp-3')).toThrow(/not set up yet.*wild node setup cp-3/)
  })

  it('picks the first set-up control-plane node when none is named', () => {
    expect(chooseBootstrapNode(nodes).hostname).toBe('cp-1')
    expect(() => chooseBootstrapNode([nodes[0]!])).toThrow(/no control-plane node/)
  })

  it('points the talosconfig at the chosen node first, then the other set-up control planes', () => {
    expect(controlPlaneEndpoints(nodes, nodes[2]!)).toEqual(['10.0.0.12', '10.0.0.11'])
  })

  it('tells health which set-up nodes to expect, by role', () => {
    expect(healthNodes(nodes)).toEqual({ controlPlane: ['10.0.0.11', '10.0.0.12'], workers: ['10.0.0.21'] })
  })
})
