import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLab } from '@lab/lab'
import { PRESET_IPS, preset } from '@lab/machines'
import type { Core } from '@core'
import { withTempDir } from '../../helpers/tmp'
import { NET, labCore } from './lab-helpers'

async function prepared(core: Core): Promise<void> {
  await core.instances.create('lab')
  await core.config.updateSettings('lab', { vip: NET.vip, network: { subnet: NET.subnet, gateway: NET.gateway } })
}

// Generous: the machine running the tests is shared and slow at times.
async function until<T>(look: () => Promise<T | undefined>, ms = 40_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await look()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error('condition not reached in time')
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('setup is cancellable, resumable and refuses what is not ours', () => {
  it('says what to check on a long wait, cancels at once, and a second run continues from the wait', async () => {
    await withTempDir(async (dir) => {
      const lab = await createLab({ dir: join(dir, 'lab'), machines: [preset('nvme-mini-pc', { ip: '127.0.10.101' })], timing: { installDelayMs: 120_000 } })
      const core = labCore(lab, join(dir, 'data'), join(dir, 'kube'), { slowAfterMs: 300 })
      try {
        await prepared(core)
        await core.nodes.add('lab', { hostname: 'cp-1', role: 'controlplane', targetIp: '127.0.10.11', currentIp: '127.0.10.101' })
        const op = await core.cluster.setup('lab', 'cp-1')
        await until(async () => {
          const cur = await core.operations.get('lab', op.id)
          return cur.logTail.some((l) => l.includes("Check the machine's console")) ? cur : undefined
        })
        const started = Date.now()
        await core.operations.cancel('lab', op.id)
        const final = await core.operations.wait('lab', op.id)
        expect(Date.now() - started).toBeLessThan(3_000)
        expect(final.status).toBe('cancelled')
        expect(final.steps.find((s) => s.name === 'Wait for the node at its target address')?.status).toBe('cancelled')
        // Cancelling the wait stops the app waiting, not the machine: the node is interrupted, not failed.
        expect(await core.nodes.get('lab', 'cp-1')).toMatchObject({ state: 'interrupted', stateReason: expect.stringContaining('keeps installing') })
        const waitStarted = final.steps.find((s) => s.name === 'Wait for the node at its target address')?.startedAt
        expect(final.steps.find((s) => s.name === 'Wait for the install to start')?.status).toBe('completed')

        // The machine finishes installing; running setup again picks up where it stopped.
        await lab.update((l) => {
          l.timing.installDelayMs = 0
        })
        const again = await core.operations.wait('lab', (await core.cluster.setup('lab', 'cp-1')).id)
        expect(again.error).toBeNull()
        expect(again.steps.map((s) => [s.name, s.status])).toEqual([
          ['Check the node', 'completed'],
          ['Generate cluster configuration', 'skipped'],
          ['Write node configuration', 'skipped'],
          ['Apply configuration', 'skipped'],
          ['Wait for the install to start', 'skipped'],
          ['Wait for the node at its target address', 'completed'],
          ['Check etcd membership', 'skipped'],
          ['Mark node ready', 'completed']
        ])
        expect(await core.nodes.get('lab', 'cp-1')).toMatchObject({ state: 'ready', stateReason: null })
        // The resumed wait shows its real elapsed time: it started when the first run began waiting.
        expect(again.steps.find((s) => s.name === 'Wait for the node at its target address')?.startedAt).toBe(waitStarted)
      } finally {
        await core.close()
      }
    })
  }, 60_000)

  it('refuses a machine that belongs to another cluster, sending it nothing', async () => {
    await withTempDir(async (dir) => {
      const lab = await createLab({ dir: join(dir, 'lab'), machines: [preset('configured-node')] })
      const core = labCore(lab, join(dir, 'data'), join(dir, 'kube'))
      try {
        await prepared(core)
        const ip = PRESET_IPS['configured-node']
        const configBefore = (await lab.machine(ip))?.machine.config
        await core.nodes.add('lab', {
          hostname: 'cp-1',
          role: 'controlplane',
          targetIp: '127.0.10.31',
          currentIp: ip,
          mac: 'a8:b8:e0:04:12:7c',
          disk: '/dev/nvme0n1'
        })
        const final = await core.operations.wait('lab', (await core.cluster.setup('lab', 'cp-1')).id)
        expect(final.status).toBe('failed')
        expect(final.error).toMatchObject({ code: 'NOT_IN_MAINTENANCE', message: expect.stringMatching(/belongs to another cluster.*Reset it/s) })
        expect(final.failedStep).toBe('Check the node')
        expect((await lab.machine(ip))?.machine.config).toBe(configBefore)
        expect((await core.nodes.get('lab', 'cp-1')).state).toBe('failed')
      } finally {
        await core.close()
      }
    })
  }, 60_000)

  it('prepares the files, then says where it could not reach a machine that is off', async () => {
    await withTempDir(async (dir) => {
      const lab = await createLab({ dir: join(dir, 'lab'), machines: [] })
      const core = labCore(lab, join(dir, 'data'), join(dir, 'kube'))
      try {
        await prepared(core)
        await core.nodes.add('lab', {
          hostname: 'cp-1',
          role: 'controlplane',
          targetIp: '127.0.10.11',
          currentIp: '127.0.10.150',
          mac: 'aa:bb:cc:dd:ee:01',
          disk: '/dev/sda'
        })
        const final = await core.operations.wait('lab', (await core.cluster.setup('lab', 'cp-1')).id)
        expect(final.failedStep).toBe('Apply configuration')
        expect(final.error?.message).toMatch(/does not answer at 127\.0\.10\.150 \(current\) or 127\.0\.10\.11 \(target\).*powered on/)
        expect(final.steps.slice(1, 3).map((s) => s.status)).toEqual(['completed', 'completed'])
        await expect(core.cluster.setup('lab', 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' })
      } finally {
        await core.close()
      }
    })
  }, 60_000)
})
