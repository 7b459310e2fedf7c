import { describe, expect, it } from 'vitest'
import { HEALTH_CONDITIONS, parseHealthLine } from '@core/talos/health'

describe('parseHealthLine', () => {
  it.each([
    ['discovered nodes: ["192.168.1.50" "192.168.1.51"]', { kind: 'discovered', nodes: ['192.168.1.50', '192.168.1.51'] }],
    ['waiting for etcd to be healthy: ...', { kind: 'condition', condition: 'etcd to be healthy', state: 'waiting', detail: null }],
    ['waiting for etcd to be healthy: OK', { kind: 'condition', condition: 'etcd to be healthy', state: 'ok', detail: null }],
    [
      'waiting for all k8s nodes to report ready: some nodes are not ready: [cp-1]',
      { kind: 'condition', condition: 'all k8s nodes to report ready', state: 'failing', detail: 'some nodes are not ready: [cp-1]' }
    ],
    ['healthcheck error: context deadline exceeded', { kind: 'other', line: 'healthcheck error: context deadline exceeded' }]
  ])('%s', (line, expected) => {
    expect(parseHealthLine(line)).toEqual(expected)
  })

  it('knows every condition in the documented order', () => {
    expect(HEALTH_CONDITIONS).toHaveLength(16)
    for (const c of HEALTH_CONDITIONS) {
      expect(parseHealthLine(`waiting for ${c}: OK`)).toMatchObject({ condition: c, state: 'ok' })
    }
  })
})
