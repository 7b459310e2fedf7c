import { defineConfig } from '@playwright/test'
import base from '../playwright.config'

// Benchmarks that need Chromium (npm run bench runs them): the e2e settings, another folder.
export default defineConfig({
  ...base,
  testDir: '.',
  tsconfig: '../tsconfig.e2e.json',
  testMatch: /\.bench\.ts$/,
  // One benchmark at a time: a second one running beside it would skew both measurements.
  workers: 1,
  outputDir: '../test-results/bench',
  timeout: 300_000
})
