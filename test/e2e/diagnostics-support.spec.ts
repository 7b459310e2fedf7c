import { test, expect } from './harness'
import { screenshot } from './lab-env'

// The Diagnostics screen with "Open logs" and "Save a diagnostics bundle", in both themes.
for (const theme of ['light', 'dark'] as const) {
  test(`diagnostics with the support actions, ${theme}`, async ({ page, harness }) => {
    await page.setViewportSize({ width: 1280, height: 900 })
    await harness.ctx.updateSettings({ theme })
    await harness.open('#/diagnostics')
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    await expect(page.getByRole('button', { name: 'Open logs' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Save a diagnostics bundle' })).toBeVisible()
    await expect(page.getByRole('list', { name: 'Checks' })).toBeVisible()
    await screenshot(page, `${theme}-diagnostics-support`)
  })
}
