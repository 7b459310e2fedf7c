import { existsSync, statSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { test, expect, type Page } from '@playwright/test'
import { VANILLA_ID } from '../../src/lab/factory'
import { expectNoSidewaysOverflow, screenshot, startLabEnv } from './lab-env'
import { workerNet } from './lab-net'

/**
 * The "done" scenario, end to end: an empty data folder, the renderer in Chromium over
 * the real contract handlers and core, the simulated talosctl as a real process, and the lab's
 * machines answering on port 50000 of their loopback addresses so the scan finds them.
 */

const INSTANCE = 'home-lab'
const VERSION = 'v1.11.6' // a new instance's Talos version
const NET = workerNet()
const CP = { ip: NET.presetIp('nvme-mini-pc'), target: NET.addr('10.51'), hostname: 'control-1' }
const WORKER = { ip: NET.presetIp('sata-tower'), target: NET.addr('10.52'), hostname: 'worker-1' }
const CONFIGURED_IP = NET.presetIp('configured-node')
const SCANNED = NET.addr('10.0/27')

async function heading(page: Page, name: string | RegExp, timeout?: number): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible(timeout ? { timeout } : undefined)
}

test('first node from an empty data folder, a worker from Nodes, and a cancelled download', async ({ page }) => {
  // Over two minutes when two workers share a busy machine's cores.
  test.setTimeout(240_000)
  const env = await startLabEnv(page, {
    machines: ['nvme-mini-pc', 'sata-tower', 'configured-node'],
    timing: { installDelayMs: 1500, rebootDelayMs: 800 },
    factory: { versions: [VERSION] }
  })
  const { harness, factory, kubeconfigTarget } = env
  const instanceDir = join(harness.dataDir, 'instances', INSTANCE)
  // Each step photographed (test-results/screens/wizard-*.png), after checking its layout.
  const shot = async (name: string) => {
    await expectNoSidewaysOverflow(page, name)
    await screenshot(page, `wizard-${name}`)
  }

  try {
    expect(existsSync(harness.dataDir)).toBe(false)

    await test.step('create the instance from the instance switcher', async () => {
      await harness.open()
      await expect(page.getByRole('heading', { name: 'Create your first instance' })).toBeVisible()
      await shot('00-empty')
      await page.getByRole('button', { name: 'Choose instance' }).click()
      const dialog = page.getByRole('dialog', { name: 'New instance' })
      await expect(dialog.getByRole('textbox', { name: 'Instance name' })).toHaveValue(INSTANCE)
      await shot('01-create-instance')
      await dialog.getByRole('button', { name: 'Create instance' }).click()
      await expect(dialog).toBeHidden()
      await expect(page.getByRole('button', { name: `Instance: ${INSTANCE}` })).toBeVisible()
      expect(existsSync(join(instanceDir, 'config.yaml'))).toBe(true)
    })

    await test.step('basics', async () => {
      await heading(page, 'Set up: Cluster basics')
      await page.getByRole('textbox', { name: 'Cluster name' }).fill('home')
      await page.getByRole('textbox', { name: 'Network (subnet)' }).fill(NET.subnet)
      await page.getByRole('textbox', { name: 'Gateway' }).fill(NET.gateway)
      await page.getByRole('textbox', { name: 'Control-plane VIP' }).fill(NET.vip)
      await page.getByRole('radio', { name: /Several/ }).check()
      // The extension list comes from the (fake) Image Factory.
      await expect(page.getByText('siderolabs/intel-ucode')).toBeVisible()
      await shot('02-basics')
      await page.getByRole('button', { name: 'Save and continue' }).click()
    })

    await test.step('prerequisites', async () => {
      await heading(page, 'Set up: Prerequisites')
      await expect(page.getByText(/Found: v1\.11\.6 at .*talosctl\.js/)).toBeVisible()
      await expect(page.getByRole('region', { name: `Talos ${VERSION} · amd64` })).toBeVisible()
      await shot('03-prereqs')
      await page.getByRole('button', { name: 'Continue: find the machine' }).click()
    })

    await test.step('find the machine by scanning', async () => {
      await heading(page, 'Set up: Find the machine')
      await page.getByRole('textbox', { name: 'Network to scan' }).fill(SCANNED)
      await page.getByRole('button', { name: 'Scan', exact: true }).click()
      await expect(page.getByText(`Last scan: ${SCANNED}`)).toBeVisible({ timeout: 30_000 })
      const found = page.getByRole('table', { name: 'Machines found' })
      await expect(found.getByRole('row', { name: new RegExp(`^${CP.ip.replaceAll('.', '\\.')} .*maintenance`) })).toBeVisible()
      await expect(found.getByRole('row', { name: new RegExp(`^${WORKER.ip.replaceAll('.', '\\.')} .*maintenance`) })).toBeVisible()
      await expect(found.getByRole('row', { name: new RegExp(CONFIGURED_IP.replaceAll('.', '\\.')) })).toContainText('configured (belongs to a cluster)')
      // A configured machine is never offered for setup.
      await expect(page.getByRole('button', { name: `Use this machine ${CONFIGURED_IP}` })).toHaveCount(0)
      await shot('04-find')
      await page.getByRole('button', { name: `Use this machine ${CP.ip}` }).click()
    })

    await test.step('hardware', async () => {
      await heading(page, 'Set up: Hardware')
      const disks = page.getByRole('table', { name: 'Disks' })
      await expect(disks).toBeVisible({ timeout: 30_000 })
      await expect(disks).toContainText('nvme0n1')
      await expect(page.getByRole('textbox', { name: 'Hostname' })).toHaveValue(CP.hostname)
      await page.getByRole('textbox', { name: 'Fixed IP address' }).fill(CP.target)
      await shot('05-hardware')
      await page.getByRole('button', { name: 'Continue to review' }).click()
    })

    await test.step('review', async () => {
      await heading(page, 'Set up: Review')
      await expect(page.getByText(`${CP.hostname} will be installed`)).toBeVisible()
      await expect(page.getByText('The configuration is sent unverified')).toBeVisible()
      await shot('06-review')
      await page.getByRole('button', { name: `Install Talos on ${CP.hostname}` }).click()
    })

    await test.step('install with live progress', async () => {
      await heading(page, 'Set up: Install')
      const steps = page.getByRole('list', { name: `Steps of Set up ${CP.hostname}` })
      await expect(steps).toBeVisible()
      await expect(steps.getByRole('listitem').filter({ hasText: 'Apply configuration' })).toContainText('(done)', { timeout: 30_000 })
      await shot('07-install')
      await heading(page, 'Set up: Bootstrap', 60_000)
    })

    await test.step('bootstrap with health steps', async () => {
      await shot('08-bootstrap')
      await page.getByRole('button', { name: 'Bootstrap the cluster' }).click()
      const steps = page.getByRole('list', { name: `Steps of Bootstrap ${CP.hostname}` })
      await expect(steps).toBeVisible()
      await expect(steps.getByRole('listitem').filter({ hasText: 'Check: etcd to be healthy' })).toBeVisible()
      await expect(steps.getByRole('listitem').filter({ hasText: 'Bootstrap etcd' })).toContainText('(done)', { timeout: 30_000 })
      await shot('09-bootstrap-running')
      await heading(page, 'Set up: Done', 60_000)
    })

    await test.step('done: the kubeconfig is saved, private, and shown', async () => {
      const kubeconfig = join(instanceDir, 'kubeconfig')
      await expect(page.getByText('Cluster home is running')).toBeVisible()
      await expect(page.getByText(kubeconfig, { exact: true })).toBeVisible()
      expect(existsSync(kubeconfig)).toBe(true)
      expect(statSync(kubeconfig).mode & 0o777).toBe(0o600)
      expect(existsSync(kubeconfigTarget)).toBe(false) // nothing merged without asking
      await shot('10-done')
    })

    await test.step('a worker, added from the Nodes page', async () => {
      await page.getByRole('button', { name: 'Open Nodes' }).click()
      await heading(page, 'Nodes')
      const table = page.getByRole('table', { name: 'Nodes' })
      await expect(table.getByRole('row', { name: new RegExp(`^${CP.hostname} `) })).toContainText('ready')
      // "Add a node" opens the wizard at Find the machine, not at Done.
      await page.getByRole('button', { name: 'Add a node' }).click()
      await heading(page, 'Set up: Find the machine')
      // Scan again (the same range is offered): the first machine has moved to its fixed address.
      await expect(page.getByRole('textbox', { name: 'Network to scan' })).toHaveValue(SCANNED)
      await page.getByRole('button', { name: 'Scan', exact: true }).click()
      const scans = async () => (await harness.ctx.core.operations.list(INSTANCE)).filter((o) => o.type === 'discover' && o.status === 'completed').length
      await expect.poll(scans, { timeout: 30_000 }).toBe(2)
      await expect(page.getByText(`Last scan: ${SCANNED}`)).toBeVisible()
      await expect(page.getByRole('button', { name: `Use this machine ${CP.ip}` })).toHaveCount(0)
      await page.getByRole('button', { name: `Use this machine ${WORKER.ip}` }).click()
      await heading(page, 'Set up: Hardware')
      await expect(page.getByRole('table', { name: 'Disks' })).toBeVisible({ timeout: 30_000 })
      await expect(page.getByRole('combobox', { name: 'Role' })).toHaveValue('worker')
      await expect(page.getByRole('textbox', { name: 'Hostname' })).toHaveValue(WORKER.hostname)
      await page.getByRole('textbox', { name: 'Fixed IP address' }).fill(WORKER.target)
      await shot('11-worker-hardware')
      await page.getByRole('button', { name: 'Continue to review' }).click()
      await heading(page, 'Set up: Review')
      await page.getByRole('button', { name: `Install Talos on ${WORKER.hostname}` }).click()
      await heading(page, 'Set up: Install')
      await heading(page, 'Set up: Done', 60_000)
      await page.getByRole('link', { name: 'Nodes', exact: true }).click()
      await heading(page, 'Nodes')
      await expect(table.getByRole('row', { name: new RegExp(`^${WORKER.hostname} `) })).toContainText('worker')
      await expect(table.getByRole('row', { name: new RegExp(`^${WORKER.hostname} `) })).toContainText('ready')
      await expect(page.getByText('2 nodes · 2 ready')).toBeVisible()
      await shot('12-nodes')
    })

    await test.step('cancel a running download from Operations', async () => {
      // Every image GET trickles, so the first file is still arriving when Cancel is clicked.
      factory.setAlwaysFault({ kind: 'slow', chunk: 8, everyMs: 400 })
      await page.getByRole('link', { name: 'Boot assets', exact: true }).click()
      await heading(page, 'Boot assets')
      const set = page.getByRole('region', { name: `Talos ${VERSION} · amd64` })
      await set.getByRole('button', { name: 'Download', exact: true }).click()
      await expect(set.getByRole('button', { name: 'Cancel download' })).toBeVisible()
      await expect.poll(() => factory.imageGets().length).toBeGreaterThan(0)
      await page.getByRole('link', { name: 'Operations', exact: true }).click()
      await heading(page, 'Operations')
      const running = page.getByRole('region', { name: 'Running' })
      const card = running.getByRole('article', { name: new RegExp(`^Download .*${VERSION} amd64$`) })
      await expect(card).toBeVisible()
      await shot('13-download-running')
      await card.getByRole('button', { name: /^Cancel Download/ }).click()
      const finished = page.getByRole('region', { name: 'Finished' })
      const cancelled = finished.getByRole('article', { name: new RegExp(`^Download .*${VERSION} amd64$`) })
      await expect(cancelled).toContainText('cancelled')
      await expect(running).toHaveCount(0)
      await shot('14-download-cancelled')

      const ops = await harness.ctx.core.operations.list(INSTANCE)
      expect(ops.find((o) => o.type === 'download')?.status).toBe('cancelled')
      // Nothing is left in place: at most the .part of the file that was arriving.
      const dir = join(instanceDir, 'pxe', `${VANILLA_ID}@${VERSION}`, 'amd64')
      const left = existsSync(dir) ? await readdir(dir) : []
      for (const name of ['cmdline', 'kernel', 'initramfs.xz', 'talos.iso']) expect(left).not.toContain(name)
      expect(left.filter((f) => f !== 'manifest.json').every((f) => f.endsWith('.part'))).toBe(true)
      // The socket to the factory is closed (idle keep-alive ones time out within seconds).
      await expect.poll(() => factory.openConnections(), { timeout: 15_000 }).toBe(0)
    })
  } finally {
    await env.close()
  }
})
