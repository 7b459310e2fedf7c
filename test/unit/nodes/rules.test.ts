import { describe, expect, it } from 'vitest'
import { allIssues, introducedIssues, nodeIssues, subnetIssues, type RuleNode } from '@core/nodes/rules'

const S = { subnet: '192.168.1.0/24', gateway: '192.168.1.1', vip: '192.168.1.40' }
const node = (hostname: string, targetIp: string | null, extra: Partial<RuleNode> = {}): RuleNode => ({
  hostname,
  targetIp,
  mac: null,
  currentIp: null,
  ...extra
})

describe('address rules', () => {
  it.each([
    ['a node inside the subnet', [node('cp-1', '192.168.1.50')], []],
    ['a node outside the subnet', [node('cp-1', '10.0.0.5')], ['target-subnet:cp-1']],
    ['a node on the network address', [node('cp-1', '192.168.1.0')], ['target-subnet:cp-1']],
    ['a node on the broadcast address', [node('cp-1', '192.168.1.255')], ['target-subnet:cp-1']],
    ['a node on the gateway', [node('cp-1', '192.168.1.1')], ['target-gateway:cp-1']],
    ['a node on the VIP', [node('cp-1', '192.168.1.40')], ['vip-node:cp-1']],
    ['a node whose current address is the VIP', [node('cp-1', '192.168.1.50', { currentIp: '192.168.1.40' })], ['vip-node:cp-1']],
    ['two nodes on one address', [node('cp-1', '192.168.1.50'), node('cp-2', '192.168.1.50')], ['target-dup:192.168.1.50']],
    [
      'two nodes with one MAC',
      [node('cp-1', '192.168.1.50', { mac: 'aa:bb:cc:dd:ee:ff' }), node('cp-2', '192.168.1.51', { mac: 'aa:bb:cc:dd:ee:ff' })],
      ['mac-dup:aa:bb:cc:dd:ee:ff']
    ],
    ['a node without a target yet', [node('cp-1', null)], []]
  ])('%s', (_name, nodes, keys) => {
    expect(nodeIssues(S, nodes).map((i) => i.key)).toEqual(keys)
  })

  it.each([
    ['sound settings', S, []],
    ['a subnet with host bits', { ...S, subnet: '192.168.1.7/24' }, ['subnet:host-bits']],
    ['a gateway outside the subnet', { ...S, gateway: '10.0.0.1' }, ['gateway:subnet']],
    ['a VIP outside the subnet', { ...S, vip: '10.0.0.40' }, ['vip:subnet']],
    ['the VIP on the gateway', { ...S, vip: '192.168.1.1' }, ['vip:gateway']],
    ['no subnet yet', { subnet: null, gateway: '10.0.0.1', vip: '172.16.0.1' }, []],
    ['a /31 point-to-point subnet', { subnet: '10.0.0.0/31', gateway: '10.0.0.0', vip: '10.0.0.1' }, []]
  ])('%s', (_name, s, keys) => {
    expect(subnetIssues(s).map((i) => i.key)).toEqual(keys)
  })

  it('suggests the network address for a subnet with host bits', () => {
    expect(subnetIssues({ ...S, subnet: '192.168.1.7/24' })[0]!.message).toContain('192.168.1.0/24')
  })

  it('counts only the problems an edit introduced', () => {
    const before = allIssues(S, [node('cp-1', '10.0.0.5')])
    const after = allIssues(S, [node('cp-1', '10.0.0.5'), node('cp-2', '192.168.1.40')])
    expect(introducedIssues(before, after).map((i) => i.key)).toEqual(['vip-node:cp-2'])
    expect(introducedIssues(after, before)).toEqual([])
  })

  it('marks duplicates as duplicates, so they are reported as conflicts', () => {
    const issues = nodeIssues(S, [node('a', '192.168.1.5'), node('b', '192.168.1.5')])
    expect(issues[0]).toMatchObject({ kind: 'duplicate' })
    expect(issues[0]!.message).toContain('already used by a')
  })
})
