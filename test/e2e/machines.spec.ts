import { test, expect, type Page } from '@playwright/test'
import { serveLab, type Listeners } from '../../src/lab/listeners'
import { expectNoSidewaysOverflow, screenshot, startLabEnv } from './lab-env'
import { workerNet } from './lab-net'

/**
 * Issue 14 items 1 and 2 in the browser: after a node is set up, a rescan shows it by name in
 * the one Nodes list (not as an unnamed "configured" machine), the VIP is labelled and not
 * counted; at 900 px the table keeps State and the row actions in view and nothing scrolls
 * sideways. Screenshots of the list at 1280 and 900 px, light and dark.
 */

const INSTANCE = 'home-lab'
const NET = workerNet()
const VIP = NET.vip
const TARGET = NET.addr('10.51')
const CP_IP = NET.presetIp('nvme-mini-pc')
const OTHER_IP = NET.presetIp('sata-tower')

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true }).click()

async function inView(page: Page, name: string, locator: ReturnType<Page['getByRole']>): Promise<void> {
  const box = await locator.boundingBox()
  expect(box, `${name} is laid out`).not.toBeNull()
  expect(box!.x + box!.width, `${name} ends inside the window`).toBeLessThanOrEqual(page.viewportSize()!.width)
}

test('a rescan after setup shows the node by name and the VIP labelled; 900 px keeps State and actions', async ({ page }) => {
  test.setTimeout(150_000)
  const env = await startLabEnv(page, { machines: ['nvme-mini-pc', 'sata-tower'] })
  const h = env.harness
  let after: Listeners | null = null
  try {
    const core = () => h.ctx.core
    const wait = async (id: string) => core().operations.wait(INSTANCE, id)
    await test.step('scan, set up control-1 at its target address', async () => {
      await core().instances.create(INSTANCE, { use: true })
      await core().config.updateSettings(INSTANCE, { name: 'home', vip: VIP, network: { subnet: NET.subnet, gateway: NET.gateway } })
      expect((await wait((await core().discovery.start({ instance: INSTANCE, cidr: NET.addr('10.0/27') })).operationId)).status).toBe('completed')
      expect((await wait((await core().assets.download({ instance: INSTANCE })).id)).status).toBe('completed')
      await core().hardware.detect(INSTANCE, CP_IP)
      await core().nodes.add(INSTANCE, { hostname: 'control-1', role: 'controlplane', targetIp: TARGET, currentIp: CP_IP })
      expect((await wait((await core().cluster.setup(INSTANCE, 'control-1')).id)).status).toBe('completed')
    })

    await test.step('the network now: control-1 answers at its target, the VIP through it', async () => {
      await env.net.close()
      after = await serveLab([OTHER_IP, VIP, TARGET], { port: 50000 })
      expect((await wait((await core().discovery.start({ instance: INSTANCE, cidr: NET.addr('10.0/26') })).operationId)).status).toBe('completed')
    })

    await h.open()
    await nav(page, 'Nodes')
    const table = page.getByRole('table', { name: 'Nodes' })
    await test.step('one list: the node by name, the VIP labelled and not counted, the other machine offered', async () => {
      const cp = table.getByRole('row', { name: /^control-1 / })
      await expect(cp).toContainText('ready')
      await expect(cp).toContainText(TARGET)
      await expect(table.getByRole('row', { name: /Cluster VIP/ })).toContainText('VIP')
      await expect(table.getByRole('row', { name: /Cluster VIP/ }).getByRole('button')).toHaveCount(0)
      await expect(table.getByRole('button', { name: `Use this machine ${OTHER_IP}` })).toBeVisible()
      // control-1's former maintenance address is not offered any more.
      await expect(table.getByRole('button', { name: `Use this machine ${CP_IP}` })).toHaveCount(0)
      await expect(page.getByText('1 node · 1 ready · 1 other machine · the VIP is not counted')).toBeVisible()
    })

    for (const theme of ['light', 'dark'] as const) {
      await h.ctx.updateSettings({ theme })
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
      for (const width of [1280, 900]) {
        await test.step(`${theme} at ${width} px`, async () => {
          await page.setViewportSize({ width, height: 800 })
          await expect(table.getByRole('row', { name: /^control-1 / })).toBeVisible()
          await inView(page, 'the State header', table.getByRole('columnheader', { name: /State/ }))
          await inView(page, 'the actions of control-1', table.getByRole('button', { name: 'Actions for control-1' }))
          await inView(page, 'Use this machine', table.getByRole('button', { name: `Use this machine ${OTHER_IP}` }))
          await expectNoSidewaysOverflow(page, `nodes at ${width}`)
          await screenshot(page, `${theme}-machines${width === 1280 ? '' : '-900'}`)
        })
      }
      await page.setViewportSize({ width: 1280, height: 800 })
    }
  } finally {
    await (after as Listeners | null)?.close()
    await env.close()
  }
})
