import { test, expect, type Page } from '@playwright/test'
import { updateLab } from '../../src/lab/state'
import { expectNoSidewaysOverflow, screenshot, startLabEnv } from './lab-env'
import { workerNet } from './lab-net'

/**
 * Issue 14's lifecycle items in Chromium over the real core and the simulated lab: a cancel
 * during the install leaves the node interrupted and Resume continues from where the machine
 * really is; every screen survives a reload; focus comes back after Escape; the step bar is one
 * line at 1280 px. Screens are saved light and dark as test-results/screens/lifecycle-*.png.
 */
const INSTANCE = 'home-lab'
const NET = workerNet()
const CP = { ip: NET.presetIp('nvme-mini-pc'), target: NET.addr('10.51'), hostname: 'cp-1' }
const WAIT = 'Wait for the node at its target address'

async function heading(page: Page, name: string | RegExp, timeout?: number): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible(timeout ? { timeout } : undefined)
}

test('interrupted install, honest resume, reloads, focus and the step bar', async ({ page }) => {
  test.setTimeout(240_000)
  await page.setViewportSize({ width: 1280, height: 800 })
  const env = await startLabEnv(page, { machines: ['nvme-mini-pc'], timing: { installDelayMs: 120_000, rebootDelayMs: 500 } })
  const { harness, labFile } = env
  const core = () => harness.ctx.core
  const both = async (name: string) => {
    await expectNoSidewaysOverflow(page, name)
    for (const theme of ['light', 'dark'] as const) {
      await harness.ctx.updateSettings({ theme })
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
      await screenshot(page, `lifecycle-${name}-${theme}`)
    }
  }
  try {
    await core().instances.create(INSTANCE)
    await core().instances.use(INSTANCE)
    await core().config.updateSettings(INSTANCE, { name: 'home', vip: NET.vip, network: { subnet: NET.subnet, gateway: NET.gateway } })
    await core().nodes.detectHardware(INSTANCE, CP.ip)
    await core().nodes.add(INSTANCE, { hostname: CP.hostname, role: 'controlplane', targetIp: CP.target, currentIp: CP.ip })
    await harness.open('#/setup')

    await test.step('the step bar fits on one line at 1280 px', async () => {
      await heading(page, /Set up: /)
      const bar = page.getByRole('navigation', { name: 'Setup steps' }).getByRole('list')
      const heights = await bar.evaluate((ol) => ({ ol: ol.getBoundingClientRect().height, li: ol.querySelector('li')!.getBoundingClientRect().height }))
      expect(heights.ol).toBeLessThanOrEqual(heights.li + 1)
      await expect(bar.getByRole('listitem').filter({ hasText: 'Bootstrap' })).toHaveCount(1)
      await both('review')
    })

    await test.step('cancel while the machine installs: interrupted, and said so first', async () => {
      await page.getByRole('button', { name: `Install Talos on ${CP.hostname}` }).click()
      await heading(page, 'Set up: Install')
      const stop = page.getByRole('button', { name: 'Stop waiting — the machine keeps installing' })
      await expect(stop).toBeVisible({ timeout: 30_000 })
      await expect(page.getByRole('note', { name: 'Remove the USB stick' })).toBeVisible()
      await both('install-waiting')
      await stop.click()
      await expect.poll(async () => (await core().nodes.get(INSTANCE, CP.hostname)).state, { timeout: 15_000 }).toBe('interrupted')
      const status = page.getByRole('status', { name: 'Stopped' })
      await expect(status).toContainText('the machine keeps installing')
      await expect(page.getByRole('alert')).toHaveCount(0)
      const steps = page.getByRole('list', { name: `Steps of Set up ${CP.hostname}` })
      await expect(steps.getByRole('listitem').filter({ hasText: 'Apply configuration' })).toContainText('(done)')
      await expect(steps.getByRole('listitem').filter({ hasText: WAIT })).toContainText('(cancelled)')
      await expect(steps.getByRole('listitem').filter({ hasText: 'Mark node ready' })).toContainText('(not started)')
      await both('install-interrupted')
    })

    await test.step('a reload keeps the interrupted install on screen', async () => {
      await page.reload()
      await heading(page, 'Set up: Install')
      await expect(page.getByRole('status', { name: 'Stopped' })).toBeVisible()
    })

    await test.step('Resume looks where the machine is and continues the wait, never jumping ahead', async () => {
      const first = (await core().operations.list(INSTANCE)).find((o) => o.type === 'setup')!
      const waitStarted = first.steps.find((s) => s.name === WAIT)!.startedAt
      // The machine finished installing meanwhile.
      await updateLab(labFile, (lab) => {
        lab.timing.installDelayMs = 0
      })
      await page.getByRole('status', { name: 'Stopped' }).getByRole('button', { name: 'Resume' }).click()
      await heading(page, 'Set up: Bootstrap', 60_000)
      const again = (await core().operations.list(INSTANCE)).find((o) => o.type === 'setup')!
      expect(again.id).not.toBe(first.id)
      expect(again.steps.map((s) => [s.name, s.status])).toEqual([
        ['Check the node', 'completed'],
        ['Generate cluster configuration', 'skipped'],
        ['Write node configuration', 'skipped'],
        ['Apply configuration', 'skipped'],
        ['Wait for the install to start', 'skipped'],
        [WAIT, 'completed'],
        ['Check etcd membership', 'skipped'],
        ['Mark node ready', 'completed']
      ])
      expect(again.steps.find((s) => s.name === WAIT)!.startedAt).toBe(waitStarted)
      expect((await core().nodes.get(INSTANCE, CP.hostname)).state).toBe('ready')
    })

    await test.step('Done says no workload can run yet, and allowing them goes through to the machine', async () => {
      await page.getByRole('button', { name: 'Bootstrap the cluster' }).click()
      await heading(page, 'Set up: Done', 90_000)
      const note = page.getByRole('region', { name: 'No workload can run yet' })
      await expect(note).toContainText('one control plane and no worker')
      await expect(page.getByRole('navigation', { name: 'Setup steps' }).getByRole('listitem').filter({ hasText: 'Bootstrap' })).toHaveCount(0)
      await both('done-no-workloads')
      await note.getByRole('button', { name: `Allow workloads on ${CP.hostname}` }).click()
      await expect(note).toHaveCount(0, { timeout: 60_000 })
      await expect.poll(async () => (await core().config.settings(INSTANCE)).allowSchedulingOnControlPlanes).toBe(true)
      await page.getByRole('button', { name: 'Check health now' }).click()
      await expect(page.getByRole('status', { name: 'Health summary' })).toContainText(/checks pass, checked/, { timeout: 60_000 })
      await both('done-health')
    })

    await test.step('a reload on Nodes, a node page, Operations and Find returns there', async () => {
      for (const [hash, name] of [
        ['#/nodes', 'Nodes'],
        [`#/nodes/${CP.hostname}`, CP.hostname],
        ['#/operations', 'Operations'],
        ['#/setup/find', 'Set up: Find the machine'],
        [`#/setup/add/${CP.ip}`, 'Set up: Hardware']
      ] as const) {
        await page.evaluate((h) => (window.location.hash = h), hash)
        await heading(page, name)
        await page.reload()
        await heading(page, name)
        expect(await page.evaluate(() => window.location.hash)).toBe(hash)
      }
    })

    await test.step('focus returns to the control that opened a dialog, after Escape too', async () => {
      await page.evaluate((h) => (window.location.hash = `#/nodes/${h}`), CP.hostname)
      await heading(page, CP.hostname)
      // A set-up control plane offers removal (its etcd member first) where other nodes offer reset.
      const opener = page.getByRole('button', { name: 'Remove control plane…' })
      await opener.click()
      await expect(page.getByRole('dialog')).toBeVisible()
      await page.keyboard.press('Escape')
      await expect(page.getByRole('dialog')).toHaveCount(0)
      await expect(opener).toBeFocused()
    })
  } finally {
    await env.close()
  }
})
