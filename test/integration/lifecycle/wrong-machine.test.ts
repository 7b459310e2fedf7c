import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLab } from '@lab/lab'
import { preset } from '@lab/machines'
import { withTempDir } from '../../helpers/tmp'
import { NET, labCore } from './lab-helpers'

const DHCP_IP = '127.0.10.101'

describe('setup checks that the machine at the current address is the registered one', () => {
  it('refuses before applying when another machine took the address, naming both MACs', async () => {
    await withTempDir(async (dir) => {
      const lab = await createLab({
        dir: join(dir, 'lab'),
        machines: [preset('nvme-mini-pc', { ip: DHCP_IP }), preset('sata-tower', { ip: '127.0.10.102' })]
      })
      // Short waits: on a wrong machine the old code applied and then waited; fail fast, not by timeout.
      const core = labCore(lab, join(dir, 'data'), join(dir, 'kube'), { rebootTimeoutMs: 3_000, answerTimeoutMs: 3_000 })
      try {
        await core.instances.create('lab')
        await core.config.updateSettings('lab', { vip: NET.vip, network: { subnet: NET.subnet, gateway: NET.gateway } })
        // cp-1 is registered with machine A's MAC, as detection at its DHCP address found it.
        const macA = (await lab.machineById('nvme-mini-pc'))!.machine.network.links.find((l) => l.name === 'enp1s0')!.hardwareAddr
        await core.nodes.add('lab', { hostname: 'cp-1', role: 'controlplane', targetIp: '127.0.10.11', currentIp: DHCP_IP, mac: macA, disk: '/dev/nvme0n1' })

        // Machine A is switched off; its DHCP lease goes to machine B.
        await lab.update((l) => {
          const [ma, mb] = [l.machines.find((m) => m.id === 'nvme-mini-pc')!, l.machines.find((m) => m.id === 'sata-tower')!]
          ma.poweredOff = true
          mb.ip = DHCP_IP
          mb.dhcpIp = DHCP_IP
        })
        const b = (await lab.machineById('sata-tower'))!.machine
        const macB = b.network.links.find((l) => l.name === 'eno1')!.hardwareAddr

        const final = await core.operations.wait('lab', (await core.cluster.setup('lab', 'cp-1')).id)
        expect(final.status).toBe('failed')
        expect(final.failedStep).toBe('Check the node')
        expect(final.error?.code).toBe('CONFLICT')
        expect(final.error?.message).toContain(macA)
        expect(final.error?.message).toContain(macB)
        expect(final.error?.message).toContain(DHCP_IP)
        expect(final.error?.message).toContain('wild node update cp-1 --current-ip')
        const mb = (await lab.machineById('sata-tower'))!.machine
        expect(mb.configured).toBe(false)
        expect(mb.config).toBe(b.config)
        expect(mb.stage).toBe('maintenance')
      } finally {
        await core.close()
      }
    })
  }, 60_000)
})
