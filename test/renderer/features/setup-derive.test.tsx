import { describe, expect, it } from 'vitest'
import { deriveWizard, type WizardFacts } from '@renderer/features/setup/derive'
import { suggestHostname, validateHardware } from '@renderer/features/setup/hardware-form'
import { guessGateway, inSubnet } from '@renderer/features/setup/ip'
import { fixtures } from '../fake-wild'

const configured = fixtures.cluster({ vip: '192.168.1.50', network: { subnet: '192.168.1.0/24', gateway: '192.168.1.1', dnsServers: [] } })
const facts = (over: Partial<WizardFacts>): WizardFacts => ({ cluster: configured, nodes: [], ops: [], route: [], ...over })

describe('where the wizard resumes', () => {
  const cases: Array<[string, Partial<WizardFacts>, string]> = [
    ['a fresh instance starts with the basics', { cluster: fixtures.cluster() }, 'basics'],
    ['basics done, no node: prerequisites', {}, 'prereqs'],
    ['a picked machine: hardware', { route: ['add', '192.168.1.120'] }, 'hardware'],
    ['a node without a disk: hardware', { nodes: [fixtures.node({ disk: null })] }, 'hardware'],
    ['an added node: review', { nodes: [fixtures.node()] }, 'review'],
    ['an installing node: install', { nodes: [fixtures.node({ state: 'installing' })] }, 'apply'],
    ['a failed node: install, to retry', { nodes: [fixtures.node({ state: 'failed' })] }, 'apply'],
    ['a running setup op: install', { nodes: [fixtures.node({ state: 'configured' })], ops: [fixtures.operation({ type: 'setup', target: 'cp-1' })] }, 'apply'],
    ['a ready control plane, not bootstrapped: bootstrap', { nodes: [fixtures.node({ state: 'ready', deployed: true })] }, 'bootstrap'],
    [
      'bootstrapped: done',
      { cluster: { ...configured, bootstrapped: { node: 'cp-1', at: '2025-01-01T00:00:00Z' } }, nodes: [fixtures.node({ state: 'ready' })] },
      'done'
    ],
    [
      '"add another node" after bootstrap: find',
      { cluster: { ...configured, bootstrapped: { node: 'cp-1', at: 'x' } }, nodes: [fixtures.node({ state: 'ready' })], route: ['find'] },
      'find'
    ]
  ]
  for (const [name, f, step] of cases) {
    it(name, () => expect(deriveWizard(facts(f)).natural).toBe(step))
  }

  it('does not open a later step the facts do not allow', () => {
    const s = deriveWizard(facts({ cluster: fixtures.cluster(), route: ['find'] }))
    expect(s.view).toBe('basics')
  })

  it('lets the operator go back to the basics', () => {
    const s = deriveWizard(facts({ nodes: [fixtures.node()], route: ['basics'] }))
    expect(s.natural).toBe('review')
    expect(s.view).toBe('basics')
  })

  it('skips bootstrap for a worker joining a bootstrapped cluster', () => {
    const s = deriveWizard(
      facts({
        cluster: { ...configured, bootstrapped: { node: 'cp-1', at: 'x' } },
        nodes: [fixtures.node({ hostname: 'worker-1', role: 'worker', state: 'ready' })],
        route: ['node', 'worker-1']
      })
    )
    expect(s.natural).toBe('done')
    expect(s.skipsBootstrap).toBe(true)
  })
})

describe('hardware choices', () => {
  const ctx = {
    cluster: configured,
    nodes: [fixtures.node({ hostname: 'control-1', targetIp: '192.168.1.51' })],
    self: null,
    machineIp: '192.168.1.120',
    found: [fixtures.found({ ip: '192.168.1.77' })],
    hw: fixtures.hardware()
  }
  const form = { hostname: 'control-2', role: 'controlplane' as const, targetIp: '192.168.1.52', disk: '/dev/nvme0n1', iface: 'enp1s0', mac: null }
  const cases: Array<[string, Partial<typeof form>, string, RegExp]> = [
    ['refuses a hostname with capitals', { hostname: 'Control-2' }, 'hostname', /lower-case/],
    ['refuses a hostname already used', { hostname: 'control-1' }, 'hostname', /already a node/],
    ['refuses an address outside the subnet', { targetIp: '10.0.0.5' }, 'targetIp', /inside 192.168.1.0\/24/],
    ['refuses the gateway', { targetIp: '192.168.1.1' }, 'targetIp', /gateway/],
    ['refuses the VIP', { targetIp: '192.168.1.50' }, 'targetIp', /VIP/],
    ['refuses another node’s address', { targetIp: '192.168.1.51' }, 'targetIp', /control-1 already uses/],
    ['refuses an address another machine answered at', { targetIp: '192.168.1.77' }, 'targetIp', /answered at/],
    ['refuses the USB stick it booted from', { disk: '/dev/sdb' }, 'disk', /cannot be used/],
    ['asks for a disk', { disk: null as never }, 'disk', /Choose the disk/]
  ]
  for (const [name, patch, field, msg] of cases) {
    it(name, () => expect(validateHardware({ ...form, ...patch }, ctx)[field as 'hostname']).toMatch(msg))
  }
  it('accepts a sound choice, including the machine’s own current address', () => {
    expect(validateHardware(form, ctx)).toEqual({})
    expect(validateHardware({ ...form, targetIp: '192.168.1.120' }, ctx)).toEqual({})
  })
  it('suggests the next free hostname', () => {
    expect(suggestHostname('', 'controlplane', [{ hostname: 'control-1' }])).toBe('control-2')
    expect(suggestHostname('lab-', 'worker', [])).toBe('lab-worker-1')
  })
  it('knows subnets and guesses the router', () => {
    expect(inSubnet('192.168.1.0/24', '192.168.1.255')).toBe(false)
    expect(inSubnet('192.168.1.0/24', '192.168.1.254')).toBe(true)
    expect(guessGateway('10.1.2.0/23')).toBe('10.1.2.1')
  })
})
