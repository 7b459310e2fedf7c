import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { preset } from '../../src/lab/machines'
import { bootMac } from '../../src/lab/netboot'
import { test, expect } from './harness'

/** Screenshots of the Network boot screen with machines booting, for a person to look at. */
const BG = { light: 'rgb(247, 247, 248)', dark: 'rgb(15, 17, 21)' } as const
const SHOTS = process.env.NETBOOT_SHOTS ?? join('test-results', 'netboot-shots')

async function setTheme(page: Page, set: () => Promise<unknown>, theme: 'light' | 'dark'): Promise<void> {
  await set()
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(BG[theme])
  // Colours fade between themes: let the transition finish before the picture.
  await page.waitForTimeout(600)
}

test.describe('network boot in the demo lab', () => {
  test('download the boot files, serve, watch machines boot, then find them in discovery', async ({ page, harness }) => {
    await mkdir(SHOTS, { recursive: true })
    await harness.open()
    await page.getByRole('button', { name: 'Explore with a demo lab' }).first().click()
    await expect(page.getByRole('region', { name: 'Demo mode' })).toBeVisible()
    // One of the machines about to boot is already registered by its MAC: the table names it.
    await harness.ctx.core.nodes.add('demo', { hostname: 'worker-1', role: 'worker', targetIp: '127.0.10.61', mac: bootMac(preset('readonly-disk')) })

    await page.getByRole('link', { name: 'Network boot', exact: true }).click()
    await expect(page.getByRole('heading', { name: 'Network boot', level: 1 })).toBeVisible()
    await expect(page.getByRole('combobox', { name: 'Interface on the cluster LAN' })).toHaveValue('demo0')
    const serve = page.getByRole('button', { name: 'Serve network boot' })
    await expect(serve).toBeDisabled()
    await page.getByRole('button', { name: 'Download amd64' }).click()
    await expect(serve).toBeEnabled({ timeout: 60_000 })

    await serve.click()
    await expect(page.getByText('serving', { exact: true })).toBeVisible()
    const table = page.getByRole('table', { name: 'Machines booting from the network' })
    // Three machines, staggered: the first is loading Talos while the last has just asked DHCP.
    await expect(table.getByRole('row')).toHaveCount(4, { timeout: 20_000 })
    await expect(table.getByRole('row', { name: /worker-1/ })).toBeVisible()
    await page.setViewportSize({ width: 1280, height: 800 })
    await setTheme(page, () => harness.ctx.updateSettings({ theme: 'light' }), 'light')
    await page.screenshot({ path: join(SHOTS, 'netboot-light.png') })
    await setTheme(page, () => harness.ctx.updateSettings({ theme: 'dark' }), 'dark')
    await page.screenshot({ path: join(SHOTS, 'netboot-dark.png') })

    // Every machine reaches the initramfs, then the app finds each in maintenance mode at its own
    // address without a scan, and offers the new ones for setup.
    await expect(table.getByRole('row').filter({ hasText: 'in maintenance mode' })).toHaveCount(3, { timeout: 30_000 })
    await expect(table.getByRole('link', { name: /^Set up the machine at / })).toHaveCount(2)
    await setTheme(page, () => harness.ctx.updateSettings({ theme: 'light' }), 'light')
    await page.screenshot({ path: join(SHOTS, 'netboot-arrived-light.png') })
    await setTheme(page, () => harness.ctx.updateSettings({ theme: 'dark' }), 'dark')
    await page.screenshot({ path: join(SHOTS, 'netboot-arrived-dark.png') })
    const core = harness.ctx.core
    const found = (await core.pxe.status('demo')).clients
      .filter((c) => c.maintenance && !c.hostname)
      .map((c) => c.maintenance!.ip)
      .sort()
    await table.getByRole('link', { name: `Set up the machine at ${found[0]}` }).click()
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/setup/add/${found[0]}`)

    // Discovery agrees: a scan of the range finds the same machines.
    await expect
      .poll(
        async () => {
          const scan = await core.discovery.start({ instance: 'demo', cidr: '127.0.10.0/24' })
          await core.operations.wait('demo', scan.operationId)
          return (await core.discovery.status('demo')).nodesFound.map((n) => n.ip).sort()
        },
        { timeout: 20_000 }
      )
      .toEqual(expect.arrayContaining(found))

    await page.getByRole('link', { name: 'Network boot', exact: true }).click()
    await page.getByRole('button', { name: 'Stop serving' }).click()
    await expect(page.getByText('stopped', { exact: true })).toBeVisible()
  })
})
