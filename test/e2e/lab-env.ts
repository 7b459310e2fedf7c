import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, type Page } from '@playwright/test'
import type { LifecycleTiming } from '../../src/core/cluster/timing'
import { startFakeFactory, type FakeFactory, type FakeFactoryOptions } from '../../src/lab/factory'
import { serveLab, type Listeners } from '../../src/lab/listeners'
import { presetIn, type PresetName } from '../../src/lab/machines'
import type { Timing } from '../../src/lab/model'
import { writeLab } from '../../src/lab/state'
import { attachHarness, type Harness } from './harness'
import { workerNet } from './lab-net'

/** Waits short enough for a test, long enough for a loaded CI machine. */
export const FAST_LIFECYCLE: Partial<LifecycleTiming> = {
  pollMs: 150,
  probeTimeoutMs: 5_000,
  rebootTimeoutMs: 30_000,
  answerTimeoutMs: 30_000,
  bootstrapRetryMs: 20_000,
  healthTimeoutMs: 60_000
}

export interface LabEnv {
  harness: Harness
  factory: FakeFactory
  net: Listeners
  labFile: string
  /** Where "merge kubeconfig" would write (never ~/.kube/config). */
  kubeconfigTarget: string
  close(): Promise<void>
}

/**
 * One test's world: a lab file with the given machines, loopback listeners on their port 50000
 * (for the scan), a fake Image Factory, and the harness on an empty data folder of its own, with
 * the simulated talosctl run as a real process. close() takes all of it down.
 *
 * The machines sit in this worker's own block (workerNet: 127.N.10.x), so a spec in the other
 * worker never collides with their listeners nor finds them in its scans.
 *
 * The lab file is written directly: createLab finds out/ through import.meta, which Playwright's
 * CommonJS transform does not support.
 */
export async function startLabEnv(
  page: Page,
  o: {
    machines: PresetName[]
    timing?: Partial<Timing>
    factory?: FakeFactoryOptions
    /** false: no TCP listeners, for a test that never scans. */
    listen?: boolean
  }
): Promise<LabEnv> {
  const scratch = await mkdtemp(join(tmpdir(), 'wild-e2e-lab-'))
  const labFile = join(scratch, 'lab', 'lab.json')
  await mkdir(join(scratch, 'lab', 'home'), { recursive: true })
  const net = workerNet()
  const machines = o.machines.map((m) => presetIn(net.block, m))
  await writeLab(labFile, { home: join(scratch, 'lab', 'home'), timing: o.timing as Timing | undefined, machines })
  const listeners: Listeners =
    o.listen === false
      ? { answering: [], silent: [], close: async () => {} }
      : await serveLab(
          machines.map((m) => m.ip),
          { port: 50000 }
        )
  const factory = await startFakeFactory(o.factory ?? { versions: ['v1.11.6'] })
  const kubeconfigTarget = join(scratch, 'home', '.kube', 'config')
  const harness = await attachHarness(page, {
    talosctlPath: resolve('out/lab/talosctl.js'),
    factoryUrl: factory.url,
    coreOverrides: { talosctlEnv: { WILD_LAB_FILE: labFile }, kubeconfigTarget, lifecycleTiming: FAST_LIFECYCLE }
  })
  return {
    harness,
    factory,
    net: listeners,
    labFile,
    kubeconfigTarget,
    async close() {
      await harness.dispose()
      await factory.close()
      await listeners.close()
      await rm(scratch, { recursive: true, force: true })
    }
  }
}

/**
 * test-results/screens/<name>.png, as harness.screenshot, but with CSS transitions finished:
 * a sidebar link fading between active and inactive is caught half-way otherwise.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: resolve('test-results/screens', `${name}.png`), animations: 'disabled' })
}

/**
 * Nothing wider than the window, nor than the scrolling content area, and no table that has to
 * scroll sideways inside its frame (its last column, often the action, would be cut off).
 */
export async function expectNoSidewaysOverflow(page: Page, where: string): Promise<void> {
  const m = await page.evaluate(() => {
    const main = document.getElementById('main')
    const tables = [...document.querySelectorAll('table')].flatMap((t) => {
      const frame = t.parentElement
      const over = frame ? frame.scrollWidth - frame.clientWidth : 0
      return over > 0 ? [`${t.getAttribute('aria-label') ?? 'table'} by ${over}px`] : []
    })
    return { doc: document.documentElement.scrollWidth, inner: window.innerWidth, main: main ? main.scrollWidth - main.clientWidth : 0, tables }
  })
  expect(m.doc, `${where}: page wider than the window`).toBeLessThanOrEqual(m.inner)
  expect(m.main, `${where}: content wider than its area`).toBeLessThanOrEqual(0)
  expect(m.tables, `${where}: tables that scroll sideways`).toEqual([])
}
