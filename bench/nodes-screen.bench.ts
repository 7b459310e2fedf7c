/**
 * Benchmark: the Nodes screen with 250 nodes in Chromium, through the e2e harness (renderer →
 * contract → handler → core). Aim: no frame over 50 ms while it renders. Figures: time from the
 * click on "Nodes" until the table lists 250 rows (a long table renders the rows in view only and
 * says how many there are with aria-rowcount), the longest frame (requestAnimationFrame
 * gaps) and the long tasks (PerformanceObserver 'longtask', i.e. main-thread tasks over 50 ms)
 * during that time, the same for a filter typed into the search box, and a sort by IP.
 * Figures, not assertions: only a table without 250 rows fails.
 * Run it with `npm run bench -- nodes-screen` after `npm run build`.
 */
import { test } from '@playwright/test'
import { attachHarness } from '../test/e2e/harness'
import { makeFleet } from './fleet'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3))

type Watch = { longest: number; longTasks: number[] }

test('Nodes screen with 250 nodes', async ({ page }) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'wild-bench-nodes-'))
  await makeFleet(dataDir)
  const h = await attachHarness(page, { dataDir })
  // Installed before any script of the page: frame gaps and long tasks from the first paint on.
  await page.addInitScript(() => {
    const w = window as unknown as { __watch: Watch; __watchReset(): void }
    w.__watch = { longest: 0, longTasks: [] }
    w.__watchReset = () => (w.__watch = { longest: 0, longTasks: [] })
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__watch.longTasks.push(Math.round(e.duration))
    }).observe({ type: 'longtask', buffered: true })
    let last = performance.now()
    const frame = (t: number) => {
      w.__watch.longest = Math.max(w.__watch.longest, t - last)
      last = t
      requestAnimationFrame(frame)
    }
    requestAnimationFrame(frame)
  })
  const rows = page.getByRole('table', { name: 'Nodes' }).locator('tbody tr:not([aria-hidden])')
  // Rows the table lists: aria-rowcount (minus the header row) when windowed, else the rows there.
  const listed = (n: number) =>
    page.waitForFunction(
      (n) => {
        const table = document.querySelector('table[aria-label="Nodes"]')
        const count = table?.getAttribute('aria-rowcount')
        return (count ? Number(count) - 1 : (table?.querySelectorAll('tbody tr:not([aria-hidden])').length ?? 0)) === n
      },
      n,
      { timeout: 60_000, polling: 'raf' }
    )
  const watch = () => page.evaluate(() => (window as unknown as { __watch: Watch }).__watch)
  const reset = () => page.evaluate(() => (window as unknown as { __watchReset(): void }).__watchReset())
  const report = (what: string, ms: number, w: Watch) =>
    console.log(
      `${what.padEnd(28)} ${String(Math.round(ms)).padStart(5)} ms   longest frame ${Math.round(w.longest)} ms   long tasks ${w.longTasks.length ? w.longTasks.join(', ') + ' ms' : 'none'}`
    )
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      await h.open()
      await page.getByRole('navigation', { name: 'Sections' }).waitFor()
      await page.waitForTimeout(300)
      await reset()
      const t0 = Date.now()
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Nodes', exact: true }).click()
      await listed(250)
      await rows.first().waitFor()
      const shown = Date.now() - t0
      await page.waitForTimeout(200)
      report(`round ${round}: open Nodes (250)`, shown, await watch())

      await reset()
      const t1 = Date.now()
      await page
        .getByRole('searchbox')
        .or(page.getByPlaceholder(/filter|search/i))
        .first()
        .fill('worker-1')
      await rows.nth(10).waitFor()
      await page
        .getByRole('searchbox')
        .or(page.getByPlaceholder(/filter|search/i))
        .first()
        .fill('')
      await listed(250)
      report(`round ${round}: filter and clear`, Date.now() - t1, await watch())

      await reset()
      const t2 = Date.now()
      await page.getByRole('table', { name: 'Nodes' }).getByRole('button', { name: /^IP/ }).click()
      await page.waitForTimeout(200)
      report(`round ${round}: sort by IP`, Date.now() - t2, await watch())
    }
  } finally {
    await h.dispose()
    await rm(dataDir, { recursive: true, force: true })
  }
})
