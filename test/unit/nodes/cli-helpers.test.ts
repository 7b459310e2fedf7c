import { describe, expect, it } from 'vitest'
import { settingsChanges } from '@cli/commands/cluster'
import { parseCliValue } from '@cli/commands/config'
import { newTailLines, stepLine } from '@cli/follow'

describe('CLI helpers of the lifecycle commands', () => {
  it.each<[string, unknown]>([
    ['true', true],
    ['false', false],
    ['null', null],
    ['["1.1.1.1","9.9.9.9"]', ['1.1.1.1', '9.9.9.9']],
    ['{"a":1}', { a: 1 }],
    ['"quoted"', 'quoted'],
    ['1.34.1', '1.34.1'],
    ['1.34', '1.34'],
    ['v1.11.6', 'v1.11.6'],
    ['[not json', '[not json'],
    ['a: b', 'a: b']
  ])('reads the value %s as typed', (raw, value) => {
    expect(parseCliValue(raw)).toEqual(value)
  })

  it('turns cluster config flags into a settings change, "" clearing a value', () => {
    expect(settingsChanges({ vip: '', dns: '1.1.1.1, 9.9.9.9', allowSchedulingOnControlPlanes: 'true' })).toEqual({
      vip: null,
      network: { dnsServers: ['1.1.1.1', '9.9.9.9'] },
      allowSchedulingOnControlPlanes: true
    })
    expect(settingsChanges({})).toEqual({})
    expect(() => settingsChanges({ allowSchedulingOnControlPlanes: 'yes' })).toThrow(/takes true or false/)
  })

  it('prints only the log lines that are new, though the tail slides', () => {
    expect(newTailLines([], ['a', 'b'])).toEqual(['a', 'b'])
    expect(newTailLines(['a', 'b'], ['a', 'b', 'c'])).toEqual(['c'])
    expect(newTailLines(['a', 'b', 'c'], ['b', 'c', 'd', 'e'])).toEqual(['d', 'e'])
    expect(newTailLines(['a', 'b'], ['a', 'b'])).toEqual([])
  })

  it('prints a step line per outcome', () => {
    const s = { name: 'Apply configuration', startedAt: '2025-01-01T00:00:00Z', endedAt: '2025-01-01T00:00:04Z', message: null }
    expect(stepLine({ ...s, status: 'completed' })).toBe('  ✓ Apply configuration (4 s)')
    expect(stepLine({ ...s, status: 'failed', message: 'no route' })).toBe('  ✗ Apply configuration: no route')
    expect(stepLine({ ...s, status: 'skipped', message: 'Already done.' })).toBe('  - Apply configuration (skipped: Already done.)')
    expect(stepLine({ ...s, status: 'pending' })).toBeNull()
  })
})
