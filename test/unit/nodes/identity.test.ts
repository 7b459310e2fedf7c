import { describe, expect, it } from 'vitest'
import { assertSameMachine, type IdentityTalos } from '@core/cluster/identity'
import { parseResources } from '@core/talos/resources'
import { emit, link, lo, type Res } from '../talos/fixtures/resources'

/** A bonded machine: eno1 and eno2 both report the bond's MAC, their own stays in permanentAddr. */
function bonded(): Res[] {
  const member = (id: string, index: number, own: string): Res => {
    const l = link(id, { index, mac: '0a:00:00:00:00:99', slaveKind: 'bond', masterIndex: 4 })
    return { ...l, spec: { ...l.spec, permanentAddr: own } }
  }
  return [
    lo(),
    member('eno1', 2, '3c:ec:ef:00:00:01'),
    member('eno2', 3, '3c:ec:ef:00:00:02'),
    link('bond0', { index: 4, kind: 'bond', mac: '0a:00:00:00:00:99' })
  ]
}

function talosWith(resources: Res[]): IdentityTalos & { asked: unknown[] } {
  const asked: unknown[] = []
  return {
    asked,
    links: async (o) => {
      asked.push(o)
      return parseResources('links', emit(resources))
    }
  }
}

const expected = { hostname: 'cp-1', targetIp: '10.5.0.11', ip: '10.5.0.101', insecure: true }

describe('is the machine at the address the registered node', () => {
  it('accepts a NIC by its burned-in MAC while a bond lends it another, in any case', async () => {
    const talos = talosWith(bonded())
    await assertSameMachine(talos, { ...expected, mac: '3C:EC:EF:00:00:02' }, {})
    await assertSameMachine(talos, { ...expected, mac: '0a:00:00:00:00:99' }, {})
    expect(talos.asked[0]).toMatchObject({ node: '10.5.0.101', insecure: true })
  })

  it('refuses another machine, naming its NICs and the registered MAC', async () => {
    const err = await assertSameMachine(talosWith(bonded()), { ...expected, mac: 'a8:b8:e0:04:12:02' }, {}).catch((e) => e)
    expect(err).toMatchObject({ code: 'CONFLICT', details: { registeredMac: 'a8:b8:e0:04:12:02', foundMacs: ['3c:ec:ef:00:00:01', '3c:ec:ef:00:00:02'] } })
    expect(err.message).toMatch(
      /^The machine answering at 10\.5\.0\.101 is not cp-1: it has MAC 3c:ec:ef:00:00:01, 3c:ec:ef:00:00:02, but cp-1 is registered with MAC a8:b8:e0:04:12:02\. Nothing was sent to it\./
    )
    expect(err.message).toContain('wild node update cp-1 --current-ip <address>')
  })

  it('at the target address, says to free it rather than to fix the current address', async () => {
    const err = await assertSameMachine(
      talosWith([lo(), link('enp1s0', { index: 2 })]),
      { ...expected, ip: '10.5.0.11', insecure: false, talosconfig: '/t', mac: 'aa:bb:cc:00:00:01' },
      {}
    ).catch((e) => e)
    expect(err.message).toContain('Turn that machine off, or give cp-1 another target address: wild node update cp-1 --target-ip <address>.')
    expect(err.message).not.toContain('--current-ip')
  })
})
