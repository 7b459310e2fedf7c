import { readFile } from 'node:fs/promises'
import { parseAllDocuments } from 'yaml'
import type { Page } from '@playwright/test'
import { PRESET_IPS } from '../../src/lab/machines'
import { test, expect } from './harness'
import { expectNoSidewaysOverflow, screenshot } from './lab-env'

/**
 * Issue 15 on the demo lab's arm64 board (a Radxa ROCK 5B): the wizard shows the detected
 * architecture, preselects the board's overlay from the factory's list, and setup installs it
 * with the installer of the overlay's schematic (checked on the node record and the config the
 * simulated machine received). Screenshots of the version picker and the Hardware step, light and dark.
 */
const BOARD = { ip: PRESET_IPS['emmc-board'], target: '127.0.10.54', hostname: 'control-1' }
const BG = { light: 'rgb(247, 247, 248)', dark: 'rgb(15, 17, 21)' } as const

async function bothThemes(page: Page, set: (theme: 'light' | 'dark') => unknown, name: string): Promise<void> {
  await expectNoSidewaysOverflow(page, name)
  for (const theme of ['light', 'dark'] as const) {
    await set(theme)
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(BG[theme])
    await screenshot(page, `${name}-${theme}`)
  }
}

test('the demo ROCK 5B from detection to its overlay installer through the wizard', async ({ page, harness }) => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1280, height: 900 })
  await harness.open()
  await page.getByRole('button', { name: 'Explore with a demo lab' }).first().click()
  await expect(page.getByRole('region', { name: 'Demo mode' })).toBeVisible()
  const theme = (t: 'light' | 'dark') => harness.ctx.updateSettings({ theme: t })
  const core = () => harness.ctx.core

  await test.step('basics: the version picker offers the factory versions, newest first', async () => {
    await page.evaluate(() => (location.hash = '#/setup/basics'))
    await expect(page.getByRole('heading', { name: 'Set up: Cluster basics', level: 1 })).toBeVisible()
    const version = page.getByRole('combobox', { name: 'Talos version' })
    await expect(version).toBeVisible({ timeout: 30_000 })
    await page.getByRole('textbox', { name: 'Cluster name' }).fill('boards')
    await page.getByRole('textbox', { name: 'Network (subnet)' }).fill('127.0.10.0/24')
    await page.getByRole('textbox', { name: 'Gateway' }).fill('127.0.10.1')
    await page.getByRole('textbox', { name: 'Control-plane VIP' }).fill('127.0.10.50')
    await page.getByRole('radio', { name: /Just one/ }).check()
    await expect(version).toHaveValue('v1.11.6') // newest stable, preselected
    await version.scrollIntoViewIfNeeded()
    await bothThemes(page, theme, 'arm64-version-picker')
    await page.getByRole('button', { name: 'Save and continue' }).click()
    await expect(page.getByRole('heading', { name: 'Set up: Prerequisites', level: 1 })).toBeVisible()
  })

  await test.step('hardware: arm64 detected with its source, the rock5b overlay preselected', async () => {
    await page.evaluate((ip) => (location.hash = `#/setup/add/${ip}`), BOARD.ip)
    const card = page.getByRole('region', { name: 'Architecture and board' })
    await expect(card).toBeVisible({ timeout: 30_000 })
    await expect(card).toContainText('arm64')
    await expect(card).toContainText(/source: (Talos reports it|its board identity)/)
    const overlay = card.getByRole('combobox', { name: 'Board overlay' })
    await expect(overlay).toHaveValue('siderolabs/sbc-rockchip:rock5b', { timeout: 30_000 })
    await expect(card).toContainText('Preselected: the overlay for the Radxa ROCK 5B')
    await page.getByRole('textbox', { name: 'Fixed IP address' }).fill(BOARD.target)
    // From the top: the page title, the machine's facts and the board card in one picture.
    await page.getByRole('heading', { name: 'Set up: Hardware', level: 1 }).scrollIntoViewIfNeeded()
    await bothThemes(page, theme, 'arm64-hardware')
    await page.getByRole('button', { name: 'Continue to review' }).click()
    await expect(page.getByRole('heading', { name: 'Set up: Review', level: 1 })).toBeVisible({ timeout: 30_000 })
  })

  const choice = await core().boards.choice('demo', BOARD.hostname)
  expect(choice).toMatchObject({ arch: 'arm64', overlay: { image: 'siderolabs/sbc-rockchip', name: 'rock5b' }, secureBoot: false })
  const node = await core().nodes.get('demo', BOARD.hostname)
  expect(node.schematicId).toBe(choice!.schematicId)
  const installer = `factory.talos.dev/metal-installer/${choice!.schematicId}:${node.version ?? (await core().config.settings('demo')).talosVersion}`

  await test.step('install: setup runs end to end with the overlay installer', async () => {
    await page.getByRole('button', { name: `Install Talos on ${BOARD.hostname}` }).click()
    await expect(page.getByRole('heading', { name: 'Set up: Bootstrap', level: 1 })).toBeVisible({ timeout: 120_000 })
    const applied = parseAllDocuments(await readFile(core().instances.paths('demo').finalConfigFor(BOARD.hostname), 'utf8'))[0]!.toJS()
    expect(applied.machine.install).toMatchObject({ image: installer, disk: '/dev/mmcblk0' })
    expect((await core().nodes.get('demo', BOARD.hostname)).state).toBe('ready')
  })

  await test.step('node page: the saved board choice beside the hardware', async () => {
    await page.evaluate((h) => (location.hash = `#/nodes/${h}/hardware`), BOARD.hostname)
    const board = page.getByRole('region', { name: 'Board and boot media' })
    await expect(board).toBeVisible({ timeout: 30_000 })
    await expect(board).toContainText('rock5b (siderolabs/sbc-rockchip)')
    await bothThemes(page, theme, 'arm64-node-hardware')
  })
})
