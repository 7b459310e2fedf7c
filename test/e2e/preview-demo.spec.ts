import { existsSync, statSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import { ensureDemoLab } from '../../src/lab/demo'
import { createAppContext } from '../../src/main/app-context'
import { createMemorySettings, defaultSettings } from '../../src/core/app-settings'
import { startPreviewServer, type PreviewServer } from '../../src/preview/preview-server'
// Playwright cannot import() TypeScript lazily: the lab is handed to the app context instead.
import * as demoLabModule from '../../src/lab/demo-lab'

/**
 * The browser preview's own transport (WebSocket, token, Origin check) in front of the real core
 * on the demo lab, driven through the whole first-node wizard. No exposeBinding here: the page
 * gets window.wild from the preview's bridge exactly as a reviewer's browser does.
 */
test('the whole first-node wizard runs on the demo lab through the preview transport', async ({ page }) => {
  test.setTimeout(240_000)
  const scratch = await mkdtemp(join(tmpdir(), 'wild-preview-e2e-'))
  const demoDir = join(scratch, 'demo')
  // The demo's real timings are seconds per stage; the same lab with shorter ones keeps CI quick.
  await ensureDemoLab(demoDir, { installDelayMs: 1500, rebootDelayMs: 800, bootDelayMs: 400, healthStepMs: 60 })
  const ctx = createAppContext({
    settings: createMemorySettings({ ...defaultSettings(scratch, {}), dataDir: join(scratch, 'data') }),
    shell: { kind: 'browser', version: 'e2e', openExternal: async () => {} },
    demoDataDir: demoDir,
    loadDemoLab: async () => demoLabModule,
    coreOverrides: { lifecycleTiming: { pollMs: 200 } }
  })
  await ctx.enterDemo()
  let server: PreviewServer | undefined
  const outside: string[] = []
  page.on('request', (r) => {
    const host = new URL(r.url()).hostname
    if (host !== '127.0.0.1') outside.push(r.url())
  })
  try {
    server = await startPreviewServer({
      ctx,
      rendererDir: resolve('out/renderer'),
      bridgeFile: resolve('out/bridges/ws-bridge.js')
    })
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto(server.url)

    await expect(page.getByRole('region', { name: 'Demo mode' })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Set up: Cluster basics' })).toBeVisible()
    // The subnet and gateway come from the demo network's suggestion.
    await expect(page.getByRole('textbox', { name: 'Network (subnet)' })).toHaveValue('127.0.10.0/24')
    await page.getByRole('textbox', { name: 'Control-plane VIP' }).fill('127.0.10.50')
    await page.getByRole('radio', { name: /Just one/ }).check()
    await page.getByRole('button', { name: 'Save and continue' }).click()

    await expect(page.getByRole('heading', { name: 'Set up: Prerequisites' })).toBeVisible()
    await expect(page.getByText(/talosctl \(demo lab\)/).first()).toBeVisible()
    await page.getByRole('button', { name: 'Continue: find the machine' }).click()

    await expect(page.getByRole('heading', { name: 'Set up: Find the machine' })).toBeVisible()
    await page.getByRole('button', { name: 'Scan' }).click()
    const found = page.getByRole('table', { name: 'Machines found' })
    await expect(found).toBeVisible({ timeout: 60_000 })
    await expect(found.getByRole('row')).toHaveCount(5, { timeout: 30_000 }) // header + the 4 demo machines
    await page.getByRole('button', { name: 'Use this machine 127.0.10.12' }).click()

    await expect(page.getByRole('table', { name: 'Disks' })).toBeVisible({ timeout: 30_000 })
    // The tower's SSD is suggested over its big data HDD.
    await expect(page.getByText(/\/dev\/sda \(SATA SSD/).first()).toBeVisible()
    await page.getByRole('textbox', { name: 'Fixed IP address' }).fill('127.0.10.51')
    await page.getByRole('button', { name: 'Continue to review' }).click()

    await expect(page.getByRole('heading', { name: 'Set up: Review' })).toBeVisible({ timeout: 30_000 })
    await page.getByRole('button', { name: /Install Talos on/ }).click()
    await expect(page.getByRole('heading', { name: 'Set up: Install' })).toBeVisible({ timeout: 30_000 })
    await expect(page.getByRole('heading', { name: 'Set up: Bootstrap' })).toBeVisible({ timeout: 120_000 })
    await page.getByRole('button', { name: 'Bootstrap the cluster' }).click()
    await expect(page.getByRole('heading', { name: 'Set up: Done' })).toBeVisible({ timeout: 120_000 })
    await page.screenshot({ path: 'test-results/screens/preview-demo-done.png' })

    const kubeconfig = join(demoDir, 'instances', 'demo', 'kubeconfig')
    expect(existsSync(kubeconfig)).toBe(true)
    expect(statSync(kubeconfig).mode & 0o777).toBe(0o600)
    expect(outside).toEqual([])
  } finally {
    await server?.close()
    await ctx.close()
    await rm(scratch, { recursive: true, force: true })
  }
})
