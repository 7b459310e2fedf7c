import { describe, expect, it } from 'vitest'
import { nodeStep, planUpgrade, resumeCommand, type PlanInput } from '@core/upgrade/plan'
import { parseMembers, upgradeArgs, upgradeK8sArgs } from '@core/upgrade/talos-calls'

const node = (hostname: string, role: 'controlplane' | 'worker', version: string | null, extra: Partial<PlanInput['node']> = {}): PlanInput => ({
  node: { hostname, role, targetIp: `10.0.0.${hostname.length}${hostname.at(-1)}`, deployed: true, ...extra },
  runningVersion: version,
  schematicId: null
})

describe('planUpgrade', () => {
  it('puts control planes first, then workers, each by hostname with numbers in order', () => {
    const plan = planUpgrade(
      [node('w-2', 'worker', 'v1.11.6'), node('cp-10', 'controlplane', 'v1.11.6'), node('w-1', 'worker', 'v1.11.6'), node('cp-2', 'controlplane', 'v1.11.6')],
      { talosVersion: 'v1.12.0', schematicId: null }
    )
    expect(plan.map((p) => p.hostname)).toEqual(['cp-2', 'cp-10', 'w-1', 'w-2'])
    expect(plan.every((p) => p.action === 'upgrade')).toBe(true)
  })

  it('skips a node already at the target version and schematic, so a second run continues', () => {
    const plan = planUpgrade([node('cp-1', 'controlplane', 'v1.12.0'), node('cp-2', 'controlplane', 'v1.11.6')], { talosVersion: 'v1.12.0', schematicId: null })
    expect(plan.map((p) => [p.hostname, p.action])).toEqual([
      ['cp-1', 'skip'],
      ['cp-2', 'upgrade']
    ])
  })

  it('a schematic change is an upgrade too, at the same version', () => {
    const plan = planUpgrade([node('cp-1', 'controlplane', 'v1.12.0')], { talosVersion: 'v1.12.0', schematicId: 'a'.repeat(64) })
    expect(plan[0]!.action).toBe('upgrade')
  })

  it('leaves out nodes that are not set up (no machine to upgrade)', () => {
    const plan = planUpgrade([node('cp-1', 'controlplane', null, { deployed: false }), node('w-1', 'worker', 'v1.11.6', { targetIp: null })], {
      talosVersion: 'v1.12.0',
      schematicId: null
    })
    expect(plan).toEqual([])
  })

  it('names the step per node and the command that continues', () => {
    expect(nodeStep('cp-1')).toBe('upgrade cp-1')
    expect(resumeCommand({ talosVersion: 'v1.12.0', schematicId: null })).toBe('wild cluster upgrade --talos-version v1.12.0')
    expect(resumeCommand({ talosVersion: 'v1.12.0', schematicId: null }, 'w-1')).toBe('wild node upgrade w-1 --talos-version v1.12.0')
  })
})

describe('upgrade talosctl arguments', () => {
  it('upgrade waits with a timeout and talks to the node itself', () => {
    expect(upgradeArgs({ ip: '10.0.0.5', talosconfig: '/t', image: 'ghcr.io/siderolabs/installer:v1.12.0', waitMs: 90_500 })).toEqual([
      'upgrade',
      '--image',
      'ghcr.io/siderolabs/installer:v1.12.0',
      '--preserve',
      '--wait',
      '--timeout',
      '91s',
      '-e',
      '10.0.0.5',
      '-n',
      '10.0.0.5'
    ])
  })

  it('refuses an image or version that could be read as a flag', () => {
    expect(() => upgradeArgs({ ip: '10.0.0.5', talosconfig: '/t', image: '--force', waitMs: 1 })).toThrow()
    expect(() => upgradeK8sArgs({ ip: '10.0.0.5', talosconfig: '/t', to: '--dry-run', dryRun: false })).toThrow()
    expect(upgradeK8sArgs({ ip: '10.0.0.5', talosconfig: '/t', to: 'v1.35.0', dryRun: true })).toEqual([
      'upgrade-k8s',
      '--to',
      '1.35.0',
      '--dry-run',
      '-e',
      '10.0.0.5',
      '-n',
      '10.0.0.5'
    ])
  })

  it('reads the etcd member table', () => {
    const out =
      'NODE          ID                 HOSTNAME   PEER URLS                  CLIENT URLS                LEARNER\n10.0.0.5      3a1b2c3d4e5f6071   cp-1       https://10.0.0.5:2380      https://10.0.0.5:2379      false\n'
    expect(parseMembers(out)).toEqual([{ id: '3a1b2c3d4e5f6071', hostname: 'cp-1' }])
  })
})
