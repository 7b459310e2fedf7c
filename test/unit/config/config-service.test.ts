import { readFile } from 'node:fs/promises'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { withTempDir } from '../../helpers/tmp'
import { COMMENTED, makeInstance } from './helpers'

describe('config values and cluster settings', () => {
  it('gets and sets values by dotted key, lists and maps included', async () => {
    await withTempDir(async (dir) => {
      const { config } = await makeInstance(dir)
      expect(await config.getValue('lab', 'cluster.name')).toEqual({ key: 'cluster.name', value: 'lab' })
      await config.setValue('lab', 'cluster.network.dnsServers', ['1.1.1.1'])
      expect((await config.getValue('lab', 'cluster.network')).value).toEqual({ subnet: '', gateway: '', dnsServers: ['1.1.1.1'] })
      await config.setValue('lab', 'apps.extra.note', 'free text: kept as text')
      expect((await config.getValue('lab', 'apps.extra.note')).value).toBe('free text: kept as text')
      await expect(config.getValue('lab', 'cluster.nothing')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    })
  })

  it('stores "true" for a boolean setting as a real boolean', async () => {
    await withTempDir(async (dir) => {
      const { config, file } = await makeInstance(dir)
      expect(await config.setValue('lab', 'cluster.allowSchedulingOnControlPlanes', 'true')).toEqual({
        key: 'cluster.allowSchedulingOnControlPlanes',
        value: true
      })
      expect(parse(await readFile(file, 'utf8')).cluster.allowSchedulingOnControlPlanes).toBe(true)
    })
  })

  it('validates a set value against the schema and the address rules', async () => {
    await withTempDir(async (dir) => {
      const { config } = await makeInstance(dir, 'lab', COMMENTED)
      await expect(config.setValue('lab', 'cluster.nodes.control.vip', '10.5.0.11')).rejects.toThrow(/VIP 10\.5\.0\.11 is also an address of keep-1/)
      await expect(config.setValue('lab', 'cluster.network.gateway', 'router')).rejects.toThrow(/cluster\.network\.gateway: Gateway "router"/)
      await expect(config.setValue('lab', 'cluster.allowSchedulingOnControlPlanes', 'yes')).rejects.toMatchObject({ code: 'VALIDATION' })
    })
  })

  it('reads settings with the Go original gateway as a fallback and string booleans', async () => {
    await withTempDir(async (dir) => {
      const { config } = await makeInstance(dir, 'lab', COMMENTED.replace('    gateway: 10.5.0.1 # the router\n', ''))
      expect(await config.settings('lab')).toMatchObject({
        name: 'lab',
        vip: '10.5.0.10',
        network: { subnet: '10.5.0.0/24', gateway: '10.5.0.1', dnsServers: ['10.5.0.1'] },
        allowSchedulingOnControlPlanes: false,
        bootstrapped: null
      })
    })
  })

  it('updates settings, clearing with null, and refuses a VIP outside the subnet', async () => {
    await withTempDir(async (dir) => {
      const { config, file } = await makeInstance(dir)
      const s = await config.updateSettings('lab', {
        vip: '192.168.1.40',
        schematicId: 'a'.repeat(64),
        network: { subnet: '192.168.1.0/24', gateway: '192.168.1.1' },
        allowSchedulingOnControlPlanes: true
      })
      expect(s).toMatchObject({ vip: '192.168.1.40', allowSchedulingOnControlPlanes: true, schematicId: 'a'.repeat(64) })
      expect((await config.updateSettings('lab', { schematicId: null })).schematicId).toBeNull()
      const before = await readFile(file, 'utf8')
      await expect(config.updateSettings('lab', { vip: '10.0.0.1' })).rejects.toThrow(/VIP 10\.0\.0\.1 is outside the cluster subnet/)
      expect(await readFile(file, 'utf8')).toBe(before)
    })
  })

  it('records the bootstrap once and keeps the first record', async () => {
    await withTempDir(async (dir) => {
      const { config } = await makeInstance(dir)
      await config.recordBootstrapped('lab', 'cp-1', new Date('2025-11-26T10:00:00Z'))
      await config.recordBootstrapped('lab', 'cp-2', new Date('2025-11-27T10:00:00Z'))
      expect((await config.settings('lab')).bootstrapped).toEqual({ node: 'cp-1', at: '2025-11-26T10:00:00.000Z' })
    })
  })
})
