import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect } from './harness'

test.describe('foundation', () => {
  test('the page gets window.wild and nothing else from the bridge', async ({ page, harness }) => {
    await harness.open()
    await expect(page.getByRole('navigation')).toBeVisible()
    const probe = await page.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      ipcRenderer: typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer,
      electron: typeof (window as unknown as { electron?: unknown }).electron,
      keys: Object.keys(window.wild).sort()
    }))
    expect(probe).toEqual({
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: 'undefined',
      electron: 'undefined',
      keys: ['commands', 'invoke', 'on', 'ready']
    })
  })

  test('the CSP blocks eval and inline script in the built renderer', async ({ page, harness }) => {
    await harness.open()
    await expect(page.getByRole('navigation')).toBeVisible()
    // DevTools' own evaluation is exempt from CSP, so the eval runs from a page task and the
    // verdict comes from the browser's securitypolicyviolation event as well as the throw.
    const evalBlocked = await page.evaluate(
      () =>
        new Promise<{ threw: boolean; violation: string | null }>((resolve) => {
          let violation: string | null = null
          document.addEventListener('securitypolicyviolation', (e) => (violation = e.violatedDirective))
          setTimeout(() => {
            let threw = false
            try {
              ;(0, eval)('1 + 1')
            } catch {
              threw = true
            }
            setTimeout(() => resolve({ threw, violation }), 50)
          }, 0)
        })
    )
    expect(evalBlocked.threw).toBe(true)
    expect(evalBlocked.violation).toMatch(/script-src/)
    const inlineRan = await page.evaluate(async () => {
      const w = window as unknown as { __inlineRan?: boolean }
      const s = document.createElement('script')
      s.textContent = 'window.__inlineRan = true'
      document.body.appendChild(s)
      await new Promise((r) => setTimeout(r, 50))
      return w.__inlineRan === true
    })
    expect(inlineRan).toBe(false)
  })

  test('creates an instance through the UI and its folder appears on disk', async ({ page, harness }) => {
    await harness.open()
    await page
      .getByRole('button', { name: /Choose instance|Create instance/ })
      .first()
      .click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('textbox', { name: 'Instance name' }).fill('Bad Name')
    await dialog.getByRole('button', { name: 'Create instance' }).click()
    await expect(dialog).toContainText(/lower-case/i)
    await dialog.getByRole('textbox', { name: 'Instance name' }).fill('home-lab')
    await dialog.getByRole('button', { name: 'Create instance' }).click()
    await expect(page.getByRole('button', { name: 'Instance: home-lab' })).toBeVisible()
    const config = join(harness.dataDir, 'instances', 'home-lab', 'config.yaml')
    expect(existsSync(config)).toBe(true)
    expect(readFileSync(config, 'utf8')).toContain('cluster:')
    expect(readFileSync(join(harness.dataDir, 'current-context'), 'utf8').trim()).toBe('home-lab')
  })

  test('diagnostics shows talosctl missing with the next step, and the data folder writable', async ({ page, harness }) => {
    await harness.open()
    await page.getByRole('link', { name: 'Diagnostics' }).click()
    await expect(page.getByText(/talosctl was not found/)).toBeVisible()
    await expect(page.getByText(/Settings/).first()).toBeVisible()
    await expect(page.getByText(`${harness.dataDir} is writable`)).toBeVisible()
  })

  test('deletes an instance only after its name is typed', async ({ page, harness }) => {
    await harness.ctx.core.instances.create('scratch')
    await harness.open()
    await page.getByRole('button', { name: 'Instance: scratch' }).click()
    await page.getByRole('menuitem', { name: /Delete/ }).click()
    const dialog = page.getByRole('dialog')
    const confirm = dialog.getByRole('button', { name: 'Delete instance' })
    await expect(confirm).toBeDisabled()
    await dialog.getByRole('textbox', { name: 'Type scratch to confirm' }).fill('scratch')
    await confirm.click()
    await expect(dialog).toBeHidden()
    expect(existsSync(join(harness.dataDir, 'instances', 'scratch'))).toBe(false)
  })
})
