import { mkdtemp, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test as base, type Page } from '@playwright/test'
import { createAppContext, type AppContext } from '../../src/main/app-context'
import type { CoreOptions } from '../../src/core'
import { createHandlers } from '../../src/main/handlers'
import { commandFromChannel, dispatch } from '../../src/main/ipc/dispatch'
import { EventGate } from '../../src/main/ipc/event-gate'
import { createMemorySettings, defaultSettings } from '../../src/core/app-settings'
import { CHANNEL_PREFIX } from '../../src/shared/ipc'
import { serveStatic } from './static-server'
import { workerNet } from './lab-net'
// Playwright cannot import() TypeScript lazily: the lab is handed to the app context instead.
import * as demoLabModule from '../../src/lab/demo-lab'

const RENDERER_DIR = resolve('out/renderer')
const BRIDGE = resolve('out/bridges/binding-bridge.js')

export interface Harness {
  ctx: AppContext
  dataDir: string
  /** Commands the page invoked, in order, for assertions. */
  calls: string[]
  open(path?: string): Promise<void>
  screenshot(name: string): Promise<string>
}

/**
 * Renderer → contract → handler → core → files and talosctl, with only Electron's IPC pipe
 * replaced: window.wild comes from the preload's own API factory (binding-bridge.js), its
 * transport is page.exposeBinding, and the handlers are the real ones over a real core.
 */
export async function attachHarness(
  page: Page,
  options: { dataDir?: string; talosctlPath?: string; factoryUrl?: string; coreOverrides?: Partial<CoreOptions>; demoDataDir?: string } = {}
): Promise<Harness & { dispose(): Promise<void> }> {
  if (!existsSync(join(RENDERER_DIR, 'index.html')) || !existsSync(BRIDGE)) {
    throw new Error('Build first: npm run build (out/renderer and out/bridges are missing)')
  }
  const scratch = await mkdtemp(join(tmpdir(), 'wild-e2e-'))
  const dataDir = options.dataDir ?? join(scratch, 'data')
  const settings = createMemorySettings({
    ...defaultSettings(dataDir, {}),
    dataDir,
    talosctlPath: options.talosctlPath ?? join(dataDir, 'no-talosctl-here'),
    // Nothing leaves loopback: without a test factory, factory calls go to a closed local port.
    factoryUrl: options.factoryUrl ?? 'http://127.0.0.1:9'
  })
  const ctx = createAppContext({
    settings,
    coreOverrides: options.coreOverrides,
    demoDataDir: options.demoDataDir ?? join(scratch, 'demo'),
    loadDemoLab: async () => demoLabModule,
    shell: { kind: 'browser', version: 'e2e', openExternal: async () => {} }
  })
  const handlers = createHandlers(ctx)
  const calls: string[] = []
  const net = workerNet()
  const inflight = new Set<AbortController>()

  // Messages cross as JSON text (src/preload/binding-bridge.ts parses them): Playwright's own
  // serializer took ~60 ms in the page for a 250-node answer, a task Electron's IPC never runs.
  const gate = new EventGate((message) => {
    void page.evaluate((m) => (window as unknown as { __wildPush?: (x: string) => void }).__wildPush?.(m), JSON.stringify(message)).catch(() => {})
  })
  const unsubscribe = ctx.events.onAny((name, payload) => gate.push({ name, payload }))

  // Same rule as the Electron shell: only the page's own top frame may call.
  await page.exposeBinding('__wildInvoke', async (source, channel: string, input: unknown) => JSON.stringify(await invoke(source, channel, input)))
  async function invoke(source: { frame: unknown }, channel: string, input: unknown): Promise<unknown> {
    if (source.frame !== page.mainFrame()) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Refused: not the app frame.' } }
    }
    const name = commandFromChannel(channel, CHANNEL_PREFIX)
    calls.push(String(name))
    // Tests touch loopback only: a scan of any other range is refused before it can start.
    const cidr = (input as { cidr?: unknown } | null)?.cidr
    if (name === 'discovery.start' && !(typeof cidr === 'string' && cidr.startsWith('127.'))) {
      return { ok: false, error: { code: 'FORBIDDEN', message: `e2e tests scan loopback only, not ${String(cidr)}` } }
    }
    // ...and a real scan only this worker's own block: elsewhere it would meet the other worker's lab.
    if (name === 'discovery.start' && !ctx.demo && !net.owns(cidr as string)) {
      const own = net.addr('0.0/16')
      return {
        ok: false,
        error: { code: 'FORBIDDEN', message: `e2e tests scan loopback only, and this worker its own ${own} (test/e2e/lab-net.ts), not ${String(cidr)}` }
      }
    }
    const controller = new AbortController()
    inflight.add(controller)
    try {
      return await dispatch(handlers, name, input, controller.signal)
    } finally {
      inflight.delete(controller)
    }
  }
  await page.exposeBinding('__wildReady', async () => gate.open())
  await page.addInitScript({ path: BRIDGE })
  // Events pushed while a new document loads are dropped (its bridge is not there yet); the new
  // page refetches everything on load, and its ready() finds the gate already open.

  const server = await serveStatic(RENDERER_DIR)
  const shots = resolve('test-results/screens')

  return {
    ctx,
    dataDir,
    calls,
    async open(path = '') {
      await page.goto(server.url + path)
    },
    async screenshot(name: string) {
      const file = join(shots, `${name}.png`)
      await page.screenshot({ path: file, fullPage: false })
      return file
    },
    async dispose() {
      // The page first: a page still polling would keep calling into a core that is closing.
      await page.close().catch(() => {})
      for (const c of inflight) c.abort()
      unsubscribe()
      // Teardown once outlived the test's 2 minutes in CI (not reproduced in 20 local runs):
      // each step is bounded and a stuck one is named on stderr instead of failing the test.
      await bounded('core close', ctx.close())
      await bounded('static server close', server.close())
      await rm(scratch, { recursive: true, force: true })
    }
  }
}

async function bounded(what: string, work: Promise<unknown>, ms = 20_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), ms)))
  const outcome = await Promise.race([work.then(() => 'done' as const), late])
  clearTimeout(timer)
  if (outcome === 'late') process.stderr.write(`e2e harness: ${what} did not finish within ${ms} ms; going on\n`)
}

export const test = base.extend<{ harness: Harness }>({
  harness: async ({ page }, use) => {
    const h = await attachHarness(page)
    await use(h)
    await h.dispose()
  }
})
export { expect } from '@playwright/test'
