import net from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCore } from '@core'
import { ensureDemoInstance } from '@core/demo-mode'
import { ensureDemoLab, DEMO_SUBNET } from '@lab/demo'
import { createDemoLab } from '@lab/demo-lab'
import { withTempDir } from '../../helpers/tmp'

afterEach(() => vi.restoreAllMocks())

describe('demo lab', () => {
  it('discovers and detects without opening a single socket', async () => {
    const connect = vi.spyOn(net.Socket.prototype, 'connect')
    await withTempDir(async (dir) => {
      const labFile = await ensureDemoLab(dir)
      const core = createCore({ dataDir: dir, talosctlPath: 'talosctl (demo lab)', demo: createDemoLab({ labFile }) })
      await ensureDemoInstance(core)
      expect(core.discovery.suggest().map((s) => s.cidr)).toEqual([DEMO_SUBNET])
      const { operationId } = await core.discovery.start({ instance: 'demo', cidr: DEMO_SUBNET })
      const op = await core.operations.wait('demo', operationId)
      expect(op.status).toBe('completed')
      const status = await core.discovery.status('demo')
      expect(status.nodesFound).toHaveLength(4)
      const hw = await core.hardware.detect('demo', '127.0.10.11')
      expect(hw.selectedDisk).toBe('/dev/nvme0n1')
      await core.close()
    })
    expect(connect).not.toHaveBeenCalled()
  })

  it('reports the simulated talosctl in diagnostics', async () => {
    await withTempDir(async (dir) => {
      const labFile = await ensureDemoLab(dir)
      const core = createCore({ dataDir: dir, talosctlPath: 'talosctl (demo lab)', demo: createDemoLab({ labFile }) })
      const report = await core.diagnostics.run()
      expect(report.checks[0]).toMatchObject({ id: 'talosctl', status: 'ok', detail: expect.stringMatching(/v1\.11\.\d+ at talosctl \(demo lab\)/) })
      await core.close()
    })
  })
})
