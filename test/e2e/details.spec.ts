import { test, expect, type Locator, type Page } from '@playwright/test'
import { expectNoSidewaysOverflow, screenshot, startLabEnv } from './lab-env'
import { workerNet } from './lab-net'

/**
 * Issue 14 item 6, the details, in Chromium against the simulated lab: at 900 px the sidebar
 * folds to named icons and no screen scrolls sideways; a toast over the Nodes screen covers no
 * control; validation messages name the field and tell a broadcast address apart; the scan
 * form shows one error; a stopped scan is calm and offers to scan again; the wizard's Find table
 * shows a registered node by name instead of "Use this machine". Screenshots light and dark.
 */

const INSTANCE = 'home-lab'
const NET = workerNet()
const CP_IP = NET.presetIp('nvme-mini-pc')
const OTHER_IP = NET.presetIp('sata-tower')
/** A range of 1024 addresses in this worker's own /16: long enough to be stopped half-way. */
const WIDE = NET.addr('8.0/22')
const SECTIONS = ['Setup', 'Nodes', 'Discovery', 'Boot assets', 'Network boot', 'Operations', 'Diagnostics', 'Settings']
const nav = (page: Page) => page.getByRole('navigation', { name: 'Sections' })
const h1 = (page: Page, name: string | RegExp): Locator => page.getByRole('heading', { level: 1, name })

async function noSideways(page: Page, where: string): Promise<void> {
  const m = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, client: document.scrollingElement!.clientWidth }))
  expect(m.scroll, `${where}: the page scrolls sideways`).toBeLessThanOrEqual(m.client)
  await expectNoSidewaysOverflow(page, where)
}

/** Every visible control outside the toasts whose box meets a toast's box. */
async function controlsUnderToasts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const toasts = [...document.querySelectorAll('li[data-state="open"]')].map((t) => t.getBoundingClientRect())
    const controls = [...document.querySelectorAll('button, a[href], input, select, textarea, [role="button"], [tabindex]:not([tabindex="-1"])')]
    const meets = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom
    return controls.flatMap((c) => {
      if (c.closest('li[data-state]')) return []
      const r = c.getBoundingClientRect()
      if (r.width === 0 || r.height === 0 || r.bottom <= 0 || r.top >= window.innerHeight) return []
      return toasts.some((t) => meets(t, r)) ? [c.getAttribute('aria-label') ?? c.textContent?.trim() ?? c.tagName] : []
    })
  })
}

test('small windows and details: folded sidebar, toasts, messages, the scan form, a stopped scan, the Find table', async ({ page }) => {
  test.setTimeout(300_000)
  const env = await startLabEnv(page, { machines: ['nvme-mini-pc', 'sata-tower'] })
  const h = env.harness
  const core = () => h.ctx.core
  try {
    await test.step('seed: a scan, control-1 registered at its maintenance address, a spare node', async () => {
      await core().instances.create(INSTANCE, { use: true })
      await core().config.updateSettings(INSTANCE, { name: 'home', vip: NET.vip, network: { subnet: NET.subnet, gateway: NET.gateway } })
      const scan = await core().discovery.start({ instance: INSTANCE, cidr: NET.addr('10.0/27') })
      expect((await core().operations.wait(INSTANCE, scan.operationId)).status).toBe('completed')
      await core().nodes.add(INSTANCE, { hostname: 'control-1', role: 'controlplane', targetIp: NET.addr('10.51'), currentIp: CP_IP })
      await core().nodes.add(INSTANCE, { hostname: 'spare-1', role: 'worker', targetIp: NET.addr('10.60') })
    })

    await page.setViewportSize({ width: 900, height: 700 })
    await h.open()

    await test.step('900 px: the sidebar folds to icons that keep their names', async () => {
      const side = await page.locator('aside').boundingBox()
      expect(side!.width).toBeLessThanOrEqual(64)
      for (const name of SECTIONS) await expect(nav(page).getByRole('link', { name, exact: true })).toBeVisible()
      await nav(page).getByRole('link', { name: 'Boot assets', exact: true }).hover()
      await expect(page.getByRole('tooltip', { name: 'Boot assets' })).toBeVisible()
    })

    await test.step('900 px: no screen scrolls sideways', async () => {
      for (const name of SECTIONS) {
        await nav(page).getByRole('link', { name, exact: true }).click()
        await expect(nav(page).getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page')
        await expect(page.locator('main h1').first()).toBeVisible()
        await noSideways(page, `${name} at 900 px`)
      }
    })

    await test.step('a toast over the Nodes screen covers no control', async () => {
      await nav(page).getByRole('link', { name: 'Nodes', exact: true }).click()
      const table = page.getByRole('table', { name: 'Nodes' })
      await table.getByRole('button', { name: 'Actions for spare-1' }).click()
      await page.getByRole('menuitem', { name: /Reset or remove/ }).click()
      const dialog = page.getByRole('dialog', { name: 'Remove spare-1?' })
      await dialog.getByRole('textbox', { name: 'Type spare-1 to confirm' }).fill('spare-1')
      await dialog.getByRole('button', { name: 'Remove node' }).click()
      // The toast's list item, not its role="status" announcement: Radix drops that after a second.
      const toast = page
        .getByRole('region', { name: /^Notifications/ })
        .getByRole('listitem')
        .filter({ hasText: 'spare-1 removed' })
      await expect(toast).toBeVisible()
      // A pointer over the toasts pauses their 5 s timer, so it stays for the measurements and screenshots.
      await toast.hover()
      await expect(table.getByRole('button', { name: 'Actions for control-1' })).toBeVisible()
      const box = await page.locator('li[data-state="open"]').first().boundingBox()
      expect(box!.y + box!.height, 'the toast is inside the window').toBeLessThanOrEqual(700)
      expect(await controlsUnderToasts(page)).toEqual([])
      await noSideways(page, 'nodes with a toast')
      for (const theme of ['light', 'dark'] as const) {
        await h.ctx.updateSettings({ theme })
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
        await screenshot(page, `${theme}-details-nodes-900`)
      }
      await h.ctx.updateSettings({ theme: 'light' })
      await toast.getByRole('button', { name: 'Dismiss' }).click()
      await expect(toast).toHaveCount(0)
    })

    await page.setViewportSize({ width: 1280, height: 800 })

    await test.step('the Find table shows the registered node by name, not "Use this machine"', async () => {
      await h.open('#/setup/find')
      await expect(h1(page, 'Set up: Find the machine')).toBeVisible()
      const found = page.getByRole('table', { name: 'Machines found' })
      await expect(found.getByRole('link', { name: 'Open node control-1' })).toBeVisible()
      await expect(found.getByRole('button', { name: `Use this machine ${CP_IP}` })).toHaveCount(0)
      await expect(found.getByRole('button', { name: `Use this machine ${OTHER_IP}` })).toBeVisible()
      await found.scrollIntoViewIfNeeded()
      for (const theme of ['light', 'dark'] as const) {
        await h.ctx.updateSettings({ theme })
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
        await screenshot(page, `${theme}-details-find-node`)
      }
      await h.ctx.updateSettings({ theme: 'light' })
    })

    await test.step('a validation message names the field; a broadcast address has its own', async () => {
      await page
        .getByRole('navigation', { name: 'Setup steps' })
        .getByRole('button', { name: /Cluster basics/ })
        .click()
      const vip = page.getByRole('textbox', { name: 'Control-plane VIP' })
      await vip.fill(NET.addr('10.255'))
      await page.getByRole('button', { name: 'Save and continue' }).click()
      await expect(
        page.getByText(
          `Control-plane VIP ${NET.addr('10.255')} is the broadcast address of ${NET.subnet}, which no machine can use. Pick one from ${NET.addr('10.1')} to ${NET.addr('10.254')}.`
        )
      ).toBeVisible()
      await vip.fill(NET.addr('10.'))
      await vip.blur()
      await expect(page.getByText(`Control-plane VIP must be an IPv4 address like ${NET.addr('10.10')}.`)).toBeVisible()
      await vip.evaluate((el) => el.scrollIntoView({ block: 'center' }))
      for (const theme of ['light', 'dark'] as const) {
        await h.ctx.updateSettings({ theme })
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
        await screenshot(page, `${theme}-details-validation`)
      }
      await h.ctx.updateSettings({ theme: 'light' })
    })

    await test.step('the scan form shows one error at a time', async () => {
      await nav(page).getByRole('link', { name: 'Discovery', exact: true }).click()
      const form = page.getByRole('form', { name: 'Scan a network' })
      const field = form.getByRole('textbox', { name: 'Network to scan' })
      // The harness refuses any range off loopback: a refusal from the other side.
      await field.fill('10.0.0.0/24')
      await form.getByRole('button', { name: 'Scan' }).click()
      await expect(form.getByRole('alert')).toContainText('e2e tests scan loopback only')
      await field.fill(NET.addr('10.0'))
      await form.getByRole('button', { name: 'Scan' }).click()
      await expect(form.getByText(`Network to scan needs the range's size after a slash, like ${NET.addr('10.0')}/24.`)).toBeVisible()
      await expect(form.getByRole('alert')).toHaveCount(0)
      await expect(form.getByText(/e2e tests scan loopback only/)).toHaveCount(0)
    })

    await test.step('a stopped scan is calm, keeps its count and offers to scan again', async () => {
      const scan = await core().discovery.start({ instance: INSTANCE, cidr: WIDE })
      await core().operations.cancel(INSTANCE, scan.operationId)
      expect((await core().operations.wait(INSTANCE, scan.operationId)).status).toBe('cancelled')
      await expect(page.getByRole('heading', { name: `Scan stopped: ${WIDE}` })).toBeVisible()
      await expect(page.getByText(/^You stopped this scan\./)).toBeVisible()
      await expect(page.getByText(/found so far/)).toBeVisible()
      await expect(page.getByText('Cancelled by the operator.')).toHaveCount(0)
      await expect(page.getByRole('heading', { name: 'No Talos machine found' })).toHaveCount(0)
      for (const theme of ['light', 'dark'] as const) {
        await h.ctx.updateSettings({ theme })
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
        await screenshot(page, `${theme}-details-scan-stopped`)
      }
      await page.getByRole('button', { name: 'Scan again' }).click()
      await expect(page.getByRole('heading', { name: new RegExp(`^(Scanning|Last scan:) ${WIDE.replaceAll('.', '\\.')}$`) })).toBeVisible()
      await expect.poll(() => h.calls.filter((c) => c === 'discovery.start').length).toBe(2)
    })
  } finally {
    await env.close()
  }
})
