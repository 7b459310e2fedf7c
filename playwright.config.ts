import { defineConfig } from '@playwright/test'

// Debian's Chromium only: Playwright never downloads a browser here.
export default defineConfig({
  testDir: 'test/e2e',
  // One tsconfig for every file the tests import, so src's import aliases resolve.
  tsconfig: './tsconfig.e2e.json',
  outputDir: 'test-results',
  // Two spec files at a time (tests inside a file stay in order): most of a test is waiting on
  // the simulated machines, so a second worker nearly halves the wall time. Each worker's lab
  // has loopback addresses of its own (test/e2e/lab-net.ts); every other server takes port 0.
  workers: 2,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // Playwright adds --headless and a fresh --user-data-dir itself.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync'
      ]
    }
  }
})
