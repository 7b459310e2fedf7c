import { test, expect, type Page } from '@playwright/test'
import { expectNoSidewaysOverflow, screenshot, startLabEnv } from './lab-env'
import { workerNet } from './lab-net'

/**
 * Upgrading a bootstrapped lab cluster from the UI: from the cluster overview to the Upgrade
 * screen, Talos picked from the Image Factory's list and rolled node by node (etcd snapshot
 * first), then Kubernetes after its dry run. Screenshots in both themes for a person to look at.
 */

const INSTANCE = 'home-lab'
const NET = workerNet()
const CP = { ip: NET.presetIp('nvme-mini-pc'), target: NET.addr('10.51'), hostname: 'control-1' }
const WORKER = { ip: NET.presetIp('sata-tower'), target: NET.addr('10.52'), hostname: 'worker-1' }

const rowOf = (page: Page, hostname: string) => page.getByRole('table', { name: 'Upgrade order' }).getByRole('row').filter({ hasText: hostname })

test('upgrade the lab cluster from the UI: Talos node by node, then Kubernetes after its dry run', async ({ page }) => {
  // Over two minutes when two workers share a busy machine's cores.
  test.setTimeout(240_000)
  const env = await startLabEnv(page, { machines: ['nvme-mini-pc', 'sata-tower'], factory: { versions: ['v1.12.0', 'v1.11.6'] }, listen: false })
  const h = env.harness
  const core = () => h.ctx.core
  const wait = async (op: { id: string }) => core().operations.wait(INSTANCE, op.id)
  try {
    await test.step('a bootstrapped cluster: one control plane and one worker', async () => {
      await core().instances.create(INSTANCE)
      await core().config.updateSettings(INSTANCE, { name: 'home', vip: NET.vip, network: { subnet: NET.subnet, gateway: NET.gateway } })
      for (const [n, role] of [
        [CP, 'controlplane'],
        [WORKER, 'worker']
      ] as const) {
        await core().hardware.detect(INSTANCE, n.ip)
        await core().nodes.add(INSTANCE, { hostname: n.hostname, role, targetIp: n.target, currentIp: n.ip })
        expect((await wait(await core().cluster.setup(INSTANCE, n.hostname))).error).toBeNull()
      }
      expect((await wait(await core().cluster.bootstrap(INSTANCE))).error).toBeNull()
    })

    await test.step('from the cluster overview to the Upgrade screen', async () => {
      await h.open()
      await expect(page.getByRole('heading', { level: 1, name: 'Set up: Done' })).toBeVisible({ timeout: 20_000 })
      await page.getByRole('button', { name: 'Upgrade…' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Upgrade' })).toBeVisible()
      await expect(page.getByText(/Running Talos v1\.11\.6/)).toBeVisible()
    })

    await test.step('Talos: pick v1.12.0 from the list, roll it out node by node', async () => {
      await page.getByRole('combobox', { name: 'Talos version' }).selectOption('v1.12.0')
      await expect(rowOf(page, CP.hostname).getByText('to upgrade')).toBeVisible({ timeout: 20_000 })
      await page.getByRole('button', { name: 'Upgrade 2 nodes to v1.12.0' }).click()
      await expect(page.getByText('Cancel stops after the node in progress: a node is never left half-way.')).toBeVisible()
      await expect(page.getByText(/Running Talos v1\.12\.0/)).toBeVisible({ timeout: 90_000 })
      await expect(rowOf(page, CP.hostname).getByText('upgraded')).toBeVisible()
      await expect(rowOf(page, WORKER.hostname).getByText('upgraded')).toBeVisible()
      // The recorded version changes inside the last step: wait for the op to end before reading it.
      const op = await wait((await core().operations.list(INSTANCE)).find((o) => o.type === 'talos-upgrade')!)
      expect(op.steps.map((s) => `${s.name}:${s.status}`)).toEqual([
        'etcd snapshot:completed',
        `upgrade ${CP.hostname}:completed`,
        `upgrade ${WORKER.hostname}:completed`,
        'record versions:completed'
      ])
    })

    await test.step('Kubernetes: the dry run first, then the upgrade', async () => {
      await page.getByRole('textbox', { name: 'Kubernetes version' }).fill('1.35.0')
      await page.getByRole('button', { name: 'Dry run' }).click()
      await expect(page.getByText('Dry run of 1.34.1 → 1.35.0 through control-1: nothing was changed.')).toBeVisible({ timeout: 30_000 })
      await expect(page.getByLabel('Kubernetes upgrade dry run', { exact: true })).toContainText('skipped in dry-run')
      await page.getByRole('button', { name: 'Upgrade Kubernetes' }).click()
      await expect(page.getByText(/Running Kubernetes 1\.35\.0/)).toBeVisible({ timeout: 60_000 })
    })

    await test.step('screenshots, light and dark', async () => {
      for (const theme of ['light', 'dark'] as const) {
        await h.ctx.updateSettings({ theme })
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
        await page.getByRole('heading', { level: 1, name: 'Upgrade' }).scrollIntoViewIfNeeded()
        await expectNoSidewaysOverflow(page, `upgrade-${theme}`)
        await screenshot(page, `upgrade-${theme}`)
        await page.getByRole('heading', { name: 'Kubernetes', exact: true }).scrollIntoViewIfNeeded()
        await screenshot(page, `upgrade-kubernetes-${theme}`)
      }
    })
  } finally {
    await env.close()
  }
})
