import { describe, expect, it } from 'vitest'
import type { EtcdMember } from '@shared/contract/node-ops'
import { createEtcdJoin } from '@core/node-ops/etcd-join'
import { agoMs } from '@core/node-ops/power'
import { checkRemoval } from '@core/node-ops/quorum'
import { requireConfirm } from '@core/node-ops/resolve'
import { parseMembers, parseServices } from '@core/node-ops/talos-node'
import type { OperationHandle } from '@core/operations/types'
import type { TalosRunner } from '@core/talos/runner'
import { timingWith } from '@core/cluster/timing'

/** The pure parts of node operations: table parsing, the quorum rule, the confirm rule, the join check. */

const member = (hostname: string, healthy: boolean | null): EtcdMember => ({
  id: hostname.replace(/\D/g, '').padStart(4, 'a'),
  hostname,
  peerUrls: [],
  clientUrls: [],
  learner: false,
  healthy
})

describe('checkRemoval (etcd quorum)', () => {
  const three = [member('cp-1', true), member('cp-2', true), member('cp-3', false)]
  it('refuses to remove a healthy member when 2 of 3 are healthy, naming the sick one', () => {
    const v = checkRemoval(three, three[1]!)
    expect(v.ok).toBe(false)
    expect(!v.ok && v.reason).toBe(
      'Removing cp-2 would leave 1 of 2 etcd members healthy, below the 2 needed for quorum (not healthy: cp-3). Bring it back first, or remove that member instead.'
    )
  })
  it('allows removing the unhealthy one', () => {
    expect(checkRemoval(three, three[2]!)).toEqual({ ok: true, note: 'After removing cp-3: 2 of 2 members healthy (quorum 2).' })
  })
  it('refuses the last member, and counts unknown health as unhealthy', () => {
    expect(checkRemoval([member('cp-1', true)], member('cp-1', true)).ok).toBe(false)
    expect(checkRemoval([member('cp-1', true), member('cp-2', null), member('cp-3', true)], member('cp-3', true)).ok).toBe(false)
  })
})

describe('requireConfirm', () => {
  it('workers need nothing; control planes need the exact hostname', () => {
    expect(() => requireConfirm({ hostname: 'w-1', ip: '10.0.0.5', role: 'worker' }, undefined, 'reboot', 'wild node reboot')).not.toThrow()
    expect(() => requireConfirm({ hostname: 'cp-1', ip: '10.0.0.2', role: 'controlplane' }, 'cp-1', 'reboot', 'wild node reboot')).not.toThrow()
    expect(() => requireConfirm({ hostname: 'cp-1', ip: '10.0.0.2', role: 'controlplane' }, 'CP-1', 'reboot', 'wild node reboot')).toThrow(
      'cp-1 is a control plane: type its hostname to confirm the reboot ("CP-1" does not match). In the CLI: wild node reboot cp-1 --confirm cp-1'
    )
  })
})

describe('table parsing', () => {
  it('reads talosctl services, the last event with its spaces', () => {
    const out = [
      'NODE         SERVICE      STATE     HEALTH   LAST CHANGE   LAST EVENT',
      '172.20.1.2   dashboard    Running   ?        5m54s ago     Process Process(["/sbin/dashboard"]) started with PID 2000',
      '172.20.1.2   etcd         Running   OK       19m22s ago    Health check successful',
      ''
    ].join('\n')
    expect(parseServices(out)).toEqual([
      {
        node: '172.20.1.2',
        service: 'dashboard',
        state: 'Running',
        health: '?',
        lastChange: '5m54s ago',
        lastEvent: 'Process Process(["/sbin/dashboard"]) started with PID 2000'
      },
      { node: '172.20.1.2', service: 'etcd', state: 'Running', health: 'OK', lastChange: '19m22s ago', lastEvent: 'Health check successful' }
    ])
    expect(() => parseServices('garbage\n')).toThrow(/unexpected shape/)
  })
  it('reads etcd members once each, though every node lists them', () => {
    const out = [
      'NODE           ID                 HOSTNAME   PEER URLS                   CLIENT URLS                 LEARNER',
      '192.168.1.52   4f3fb4c33808229a   talos03    https://192.168.1.53:2380   https://192.168.1.53:2379   false',
      '192.168.1.51   4f3fb4c33808229a   talos03    https://192.168.1.53:2380   https://192.168.1.53:2379   false'
    ].join('\n')
    expect(parseMembers(out)).toEqual([
      { id: '4f3fb4c33808229a', hostname: 'talos03', peerUrls: ['https://192.168.1.53:2380'], clientUrls: ['https://192.168.1.53:2379'], learner: false }
    ])
  })
  it('reads Go durations of LAST CHANGE', () => {
    expect(agoMs('5m51s ago')).toBe(351_000)
    expect(agoMs('1h0m2s ago')).toBe(3_602_000)
    expect(agoMs('n/a')).toBeNull()
  })
})

describe('etcd join check of setup', () => {
  it('fails clearly when the new control plane never appears in the member list', async () => {
    const table =
      'NODE          ID                 HOSTNAME   PEER URLS                  CLIENT URLS                LEARNER\n10.0.0.2      0000000000000001   cp-1       https://10.0.0.2:2380      https://10.0.0.2:2379      false\n'
    const runner: TalosRunner = { talosctlPath: 'talosctl', run: async () => ({ stdout: table, stderr: '' }) }
    const logs: string[] = []
    const op = { signal: new AbortController().signal, log: (l: string) => logs.push(l), message: () => undefined } as unknown as OperationHandle
    const join = createEtcdJoin(runner, '/tmp/talosconfig', timingWith({ pollMs: 5, rebootTimeoutMs: 30 }), [
      { hostname: 'cp-1', ip: '10.0.0.2', role: 'controlplane' }
    ])
    await join.recordBefore(op)
    expect(logs).toEqual(['etcd members before (asked cp-1): cp-1'])
    await expect(join.waitForMember({ hostname: 'cp-2', ip: '10.0.0.3', role: 'controlplane' }, op)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(
        /^cp-2 answers, but it did not join etcd within \d+ s: the member list \(asked cp-1\) shows cp-1, before the apply it showed cp-1\. Look at its etcd log \(wild node logs cp-2 etcd\)/
      )
    })
  })
})
