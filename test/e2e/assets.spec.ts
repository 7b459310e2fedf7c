import { expect, test, type Locator, type Page } from '@playwright/test'
import { expectNoSidewaysOverflow, screenshot, startLabEnv } from './lab-env'

/**
 * Boot assets, file by file: a download of a set trickles from a local factory, each file shows
 * its own state, bar and time left; the initramfs is cancelled mid-stream and the others finish
 * with their SHA-256 in full and a copy button. Screens in light and dark, during and after.
 */

const INSTANCE = 'home-lab'
const VERSION = 'v1.11.6'

const row = (set: Locator, label: string) => set.getByRole('row').filter({ has: set.page().getByRole('cell', { name: label, exact: true }) })

async function shoot(page: Page, h: { ctx: { updateSettings(s: { theme: 'light' | 'dark' }): Promise<unknown> } }, name: string) {
  for (const theme of ['light', 'dark'] as const) {
    await h.ctx.updateSettings({ theme })
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    await expectNoSidewaysOverflow(page, name)
    await screenshot(page, `${theme}-assets-${name}`)
  }
}

test('a download shows each file, cancels one alone, and gives the full SHA-256 to copy', async ({ page }) => {
  test.setTimeout(120_000)
  const env = await startLabEnv(page, {
    machines: [],
    listen: false,
    // Each response trickles, so every file is seen on its way; the initramfs is the big one.
    factory: {
      versions: [VERSION],
      paceBytesPerSecond: 200_000,
      sizes: { 'kernel-amd64': 700_000, 'initramfs-amd64.xz': 3_000_000, 'metal-amd64.iso': 500_000 }
    }
  })
  const h = env.harness
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  try {
    await h.ctx.core.instances.create(INSTANCE, { use: true })
    await h.open('#/assets')
    await expect(page.getByRole('heading', { level: 1, name: 'Boot assets' })).toBeVisible()
    const set = page.getByRole('region', { name: `Talos ${VERSION} · amd64` })
    await set.getByRole('button', { name: 'Download', exact: true }).click()

    await test.step('each file its own state and progress, with the time left in words', async () => {
      const kernel = row(set, 'Kernel')
      await expect(kernel.getByRole('progressbar', { name: 'Downloading Kernel' })).toBeVisible()
      await expect(row(set, 'Initramfs')).toContainText('waiting')
      await expect(row(set, 'ISO image')).toContainText('waiting')
      await expect(kernel).toContainText(/of 683\.6 KiB · .*\/s · (about \d+ seconds|a few seconds) left/)
      await shoot(page, h, 'downloading')
    })

    await test.step('the initramfs, cancelled mid-stream, stops alone', async () => {
      const initramfs = row(set, 'Initramfs')
      await expect(initramfs.getByRole('progressbar', { name: 'Downloading Initramfs' })).toHaveAttribute('aria-valuenow', /^[1-9]\d?$/, { timeout: 30_000 })
      await expect(row(set, 'Kernel')).toContainText('downloaded')
      await initramfs.getByRole('button', { name: 'Cancel Initramfs' }).click()
      await expect(initramfs).toContainText('cancelled')
      // The ISO goes on after it.
      await expect(row(set, 'ISO image').getByRole('progressbar', { name: 'Downloading ISO image' })).toBeVisible()
    })

    await test.step('the others finish, each with its SHA-256 in full and a copy button', async () => {
      await expect(set.getByRole('button', { name: 'Cancel download' })).toBeHidden({ timeout: 30_000 })
      const iso = row(set, 'ISO image')
      await expect(iso).toContainText('downloaded')
      await expect(row(set, 'Initramfs')).toContainText('not downloaded')
      const sha = env.factory.sha256('376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba', VERSION, 'metal-amd64.iso')
      await expect(iso.getByLabel('SHA-256 of ISO image', { exact: true })).toHaveText(sha)
      await iso.getByRole('button', { name: 'Copy the SHA-256 of ISO image' }).click()
      await expect(iso.getByText('Copied')).toBeVisible()
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(sha)
      const ops = await h.ctx.core.operations.list(INSTANCE)
      expect(ops.find((o) => o.type === 'download')).toMatchObject({
        status: 'completed',
        message: 'Done with 1 cancelled (initramfs.xz); download it again when you need it.'
      })
      await shoot(page, h, 'after-cancel')
    })
  } finally {
    await env.close()
  }
})
