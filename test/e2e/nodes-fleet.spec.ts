import { expect, test } from '@playwright/test'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeFleet } from '../../bench/fleet'
import { attachHarness } from './harness'
import { screenshot } from './lab-env'

/**
 * The Nodes table with 250 nodes in Chromium: it renders the rows in view only, yet every row can
 * be reached by scrolling and by Tab, and it says there are 250. Screenshots of the top and the
 * end of the list in both themes: test-results/screens/<theme>-nodes-fleet[-end].png.
 */
for (const theme of ['light', 'dark'] as const) {
  test(`250 nodes, windowed, in the ${theme} theme`, async ({ page }) => {
    test.setTimeout(180_000)
    const dataDir = await mkdtemp(join(tmpdir(), 'wild-e2e-fleet-'))
    await makeFleet(dataDir)
    const h = await attachHarness(page, { dataDir })
    try {
      await page.setViewportSize({ width: 1280, height: 800 })
      await h.ctx.updateSettings({ theme })
      await h.open('#/nodes')
      const table = page.getByRole('table', { name: 'Nodes' })
      await expect(table).toHaveAttribute('aria-rowcount', '251')
      const rows = table.locator('tbody tr:not([aria-hidden])')
      await expect(rows.first()).toContainText('control-1')
      expect(await rows.count()).toBeLessThan(80)
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
      await screenshot(page, `${theme}-nodes-fleet`)

      // Tab from row to row: the rows below the window come as focus moves down.
      await rows.first().getByRole('link').focus()
      for (let i = 0; i < 40; i++) await page.keyboard.press('Tab')
      await expect(page.locator(':focus')).toBeVisible()
      expect(await page.evaluate(() => document.activeElement?.closest('table')?.getAttribute('aria-label'))).toBe('Nodes')

      // The end of the list is there after a scroll, with its place among the 250.
      // Rows measured on the way make the list longer than estimated: scroll on, as a person would.
      const last = rows.last()
      await expect
        .poll(async () => {
          await page.evaluate(() => document.getElementById('main')!.scrollTo({ top: 1e6 }))
          return (await last.getAttribute('aria-rowindex')) === '251' && (await last.isVisible()) && (await last.boundingBox())!.y < 800
        })
        .toBe(true)
      await expect(last).toContainText('worker-99')
      await screenshot(page, `${theme}-nodes-fleet-end`)
    } finally {
      await h.dispose()
      await rm(dataDir, { recursive: true, force: true })
    }
  })
}
