import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect } from './harness'

test.describe('demo lab entry points', () => {
  test('first run offers the demo lab, badged everywhere, and leaving returns to the empty real folder', async ({ page, harness }) => {
    await harness.open()
    await page.getByRole('button', { name: 'Explore with a demo lab' }).first().click()
    await expect(page.getByRole('region', { name: 'Demo mode' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Instance: demo' }).getByText('demo', { exact: true }).last()).toBeVisible() // the DEMO badge
    await harness.screenshot('demo-entered')
    // The real data folder holds no trace of the demo.
    expect(existsSync(join(harness.dataDir, 'instances', 'demo'))).toBe(false)
    await page.getByRole('button', { name: 'Leave demo' }).click()
    await expect(page.getByRole('region', { name: 'Demo mode' })).toBeHidden()
    await expect(page.getByRole('button', { name: 'Choose instance' })).toBeVisible()
  })

  test('the instance switcher offers the demo lab next to real instances', async ({ page, harness }) => {
    await harness.ctx.core.instances.create('home')
    await harness.open()
    await page.getByRole('button', { name: 'Instance: home' }).click()
    await page.getByRole('menuitem', { name: 'Explore with a demo lab' }).click()
    await expect(page.getByRole('region', { name: 'Demo mode' })).toBeVisible()
    await page.getByRole('button', { name: 'Instance: demo' }).click()
    await page.getByRole('menuitem', { name: 'Leave the demo lab' }).click()
    await expect(page.getByRole('button', { name: 'Instance: home' })).toBeVisible()
    expect(harness.ctx.demo).toBe(false)
  })
})
