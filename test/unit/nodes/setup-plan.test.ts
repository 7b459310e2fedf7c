import { describe, expect, it } from 'vitest'
import type { MachineAnswer } from '@core/cluster/probe'
import { planSetup, skippedBefore, type SetupFacts } from '@core/cluster/setup-plan'

const maint: MachineAnswer = { kind: 'maintenance', stage: 'maintenance' }
const ours: MachineAnswer = { kind: 'ours', stage: 'running', version: 'v1.11.6' }
const foreign: MachineAnswer = { kind: 'foreign', detail: 'x509' }
const quiet: MachineAnswer = { kind: 'unreachable', detail: 'refused' }

const base: SetupFacts = {
  hostname: 'cp-1',
  state: 'added',
  applied: false,
  targetIp: '10.0.0.11',
  currentIp: '10.0.0.101',
  clusterConfigReady: false,
  nodeConfigReady: false,
  atTarget: quiet,
  atCurrent: maint
}

describe('where setup starts', () => {
  it.each<[string, Partial<SetupFacts>, object]>([
    [
      'a fresh node in maintenance at its DHCP address',
      {},
      { kind: 'run', startAt: 'Generate cluster configuration', apply: { ip: '10.0.0.101', insecure: true }, expectReboot: true }
    ],
    ['cluster files already there', { clusterConfigReady: true }, { startAt: 'Write node configuration' }],
    ['cluster and node files already there', { clusterConfigReady: true, nodeConfigReady: true }, { startAt: 'Apply configuration' }],
    [
      'in maintenance at its target address (no current address)',
      { currentIp: null, atCurrent: null, atTarget: maint },
      { apply: { ip: '10.0.0.11', insecure: true } }
    ],
    [
      'applied and now installing (nothing answers)',
      { state: 'installing', applied: true, atCurrent: quiet },
      { startAt: 'Wait for the node at its target address', apply: null }
    ],
    ['failed after apply, nothing answers', { state: 'failed', applied: true, atCurrent: quiet }, { startAt: 'Wait for the node at its target address' }],
    [
      'failed after apply, already back at its target',
      { state: 'failed', applied: true, atTarget: ours, atCurrent: quiet },
      { startAt: 'Wait for the node at its target address' }
    ],
    [
      'ready and answering: everything is done',
      { state: 'ready', applied: true, atTarget: ours, atCurrent: quiet },
      { startAt: 'Wait for the node at its target address' }
    ],
    [
      'reset since: back in maintenance, applies again',
      { state: 'ready', applied: true, atCurrent: maint, clusterConfigReady: true, nodeConfigReady: true },
      { startAt: 'Apply configuration', apply: { ip: '10.0.0.101', insecure: true } }
    ],
    [
      'edited after it was ready: re-apply in place with credentials',
      { state: 'added', applied: true, atTarget: ours, atCurrent: quiet, clusterConfigReady: true },
      { startAt: 'Write node configuration', apply: { ip: '10.0.0.11', insecure: false }, expectReboot: false }
    ],
    [
      'moving address: re-apply at the old address',
      { state: 'added', applied: true, atCurrent: ours, clusterConfigReady: true },
      { apply: { ip: '10.0.0.101', insecure: false }, expectReboot: false }
    ],
    [
      'crashed while applying, still in maintenance',
      { state: 'applying', applied: false, clusterConfigReady: true, nodeConfigReady: true },
      { startAt: 'Apply configuration', apply: { ip: '10.0.0.101', insecure: true } }
    ],
    ['never applied and nothing answers: files first, then a clear failure', { atCurrent: quiet }, { startAt: 'Generate cluster configuration', apply: null }],
    // Interrupted (the operator stopped waiting): resume looks where the machine is, never skips ahead.
    [
      'interrupted, still installing: keeps waiting',
      { state: 'interrupted', applied: true, atCurrent: quiet },
      { startAt: 'Wait for the node at its target address', apply: null }
    ],
    [
      'interrupted, installed at its target: only the wait',
      { state: 'interrupted', applied: true, atTarget: ours, atCurrent: quiet },
      { startAt: 'Wait for the node at its target address', apply: null }
    ],
    [
      'interrupted, maintenance again at the old address: applies again',
      { state: 'interrupted', applied: true, clusterConfigReady: true, nodeConfigReady: true },
      { startAt: 'Apply configuration', apply: { ip: '10.0.0.101', insecure: true }, expectReboot: true }
    ],
    ['interrupted before the config was sent: files first', { state: 'interrupted', clusterConfigReady: true }, { startAt: 'Write node configuration' }]
  ])('%s', (_name, facts, expected) => {
    expect(planSetup({ ...base, ...facts })).toMatchObject(expected)
  })

  it.each<[string, Partial<SetupFacts>, string]>([
    ['a machine of another cluster at its current address', { atCurrent: foreign }, 'NOT_IN_MAINTENANCE'],
    ['a machine of another cluster at its target address only', { currentIp: null, atCurrent: null, atTarget: foreign }, 'NOT_IN_MAINTENANCE'],
    ['another machine already on its target address', { atTarget: maint }, 'CONFLICT'],
    ['a foreign machine on its target address while it waits in maintenance', { atTarget: foreign }, 'CONFLICT']
  ])('refuses %s', (_name, facts, code) => {
    const plan = planSetup({ ...base, ...facts })
    expect(plan).toMatchObject({ kind: 'refuse', code })
  })

  it('explains a refusal of a foreign machine with what to do', () => {
    const plan = planSetup({ ...base, atCurrent: foreign })
    expect(plan.kind === 'refuse' && plan.message).toMatch(/another cluster.*Reset it/s)
  })

  it('lists the steps skipped before the start', () => {
    expect(skippedBefore('Apply configuration')).toEqual(['Generate cluster configuration', 'Write node configuration'])
    expect(skippedBefore('Generate cluster configuration')).toEqual([])
  })
})
