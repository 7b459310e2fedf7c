import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { DEMO_INSTANCE } from '../../src/core/demo'
import { ensureDemoLab } from '../../src/lab/demo'
import { attachHarness } from './harness'
import { screenshot } from './lab-env'

/**
 * The node page on the demo cluster: a control plane set up and bootstrapped through the core,
 * then its Services & logs tab from the UI — the services table, the kubelet log followed live
 * (new lines arrive while looking), search highlighting — in the light and the dark theme.
 */

test('streams a service log of a demo cluster node, in both themes', async ({ page }) => {
  test.setTimeout(240_000)
  const scratch = await mkdtemp(join(tmpdir(), 'wild-nodeops-e2e-'))
  const demoDir = join(scratch, 'demo')
  await ensureDemoLab(demoDir, { installDelayMs: 800, rebootDelayMs: 400, bootDelayMs: 200, healthStepMs: 30, logStepMs: 150 })
  const h = await attachHarness(page, { demoDataDir: demoDir, coreOverrides: { lifecycleTiming: { pollMs: 150 } } })
  try {
    await h.ctx.enterDemo()
    const core = h.ctx.core
    const wait = async (op: { id: string }) => core.operations.wait(DEMO_INSTANCE, op.id)
    await core.config.updateSettings(DEMO_INSTANCE, { vip: '127.0.10.50', network: { subnet: '127.0.10.0/24', gateway: '127.0.10.1' } })
    await core.hardware.detect(DEMO_INSTANCE, '127.0.10.11')
    await core.nodes.add(DEMO_INSTANCE, { hostname: 'control-1', role: 'controlplane', targetIp: '127.0.10.51', currentIp: '127.0.10.11' })
    expect((await wait(await core.cluster.setup(DEMO_INSTANCE, 'control-1'))).error).toBeNull()
    expect((await wait(await core.cluster.bootstrap(DEMO_INSTANCE))).error).toBeNull()

    await page.setViewportSize({ width: 1280, height: 800 })
    await h.open('#/nodes/control-1/activity')
    const services = page.getByRole('table', { name: 'Services' })
    await expect(services).toBeVisible({ timeout: 30_000 })
    await expect(services.getByRole('row', { name: /etcd/ })).toContainText('Running')

    const log = page.getByRole('log', { name: 'Log of kubelet' })
    await expect(log).toContainText('kubelet.go')
    const before = await log.locator('div').count()
    await page.getByLabel('Follow').check()
    await expect(page.getByText('Following…')).toBeVisible()
    // New lines keep arriving while the panel follows.
    await expect.poll(async () => log.locator('div').count(), { timeout: 20_000 }).toBeGreaterThan(before + 3)
    await page.getByLabel('Search the log').fill('registered')
    await expect(log.locator('mark').first()).toHaveText('registered')

    for (const theme of ['light', 'dark'] as const) {
      await h.ctx.updateSettings({ theme })
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
      // The logs panel in view, with its controls and the followed lines.
      await page.getByRole('heading', { name: 'Logs' }).evaluate((el) => {
        const main = document.getElementById('main')!
        main.scrollTop += el.getBoundingClientRect().top - main.getBoundingClientRect().top - 280
      })
      await screenshot(page, `node-logs-${theme}`)
    }

    // The confirmations of a control plane: the hostname typed; the removal shows the etcd members.
    for (const theme of ['light', 'dark'] as const) {
      await h.ctx.updateSettings({ theme })
      await page.getByRole('button', { name: 'Reboot…' }).click()
      const reboot = page.getByRole('dialog', { name: 'Reboot control plane control-1?' })
      await expect(reboot.getByRole('button', { name: 'Reboot' })).toBeDisabled()
      await reboot.getByLabel('Type control-1 to confirm').fill('control-1')
      await expect(reboot.getByRole('button', { name: 'Reboot' })).toBeEnabled()
      await screenshot(page, `node-reboot-confirm-${theme}`)
      await reboot.getByRole('button', { name: 'Cancel' }).click()
      await page.getByRole('button', { name: 'Remove control plane…' }).click()
      const remove = page.getByRole('dialog', { name: 'Remove control plane control-1?' })
      await expect(remove.getByRole('list', { name: 'etcd members' })).toContainText('control-1 (this node)')
      await screenshot(page, `node-remove-cp-${theme}`)
      await remove.getByRole('button', { name: 'Cancel' }).click()
    }

    // Turning follow off ends the stream's talosctl.
    await page.getByLabel('Follow').uncheck()
    await expect.poll(() => h.ctx.core.nodeOps.openFollows, { timeout: 10_000 }).toBe(0)
  } finally {
    await h.dispose()
    await rm(scratch, { recursive: true, force: true })
  }
})
