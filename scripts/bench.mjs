// `npm run bench`: builds every `bench-*` entry of scripts/build-node.mjs and runs them one after
// another (never side by side: each reports wall times). Names on the command line pick a subset,
// e.g. `npm run bench -- bench-discovery` or `npm run bench -- pxe`. Exits 1 when any bench fails to build or run.
import { spawnSync } from 'node:child_process'
import { resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ENTRIES, buildEntry } from './build-node.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const all = Object.keys(ENTRIES).filter((name) => name.startsWith('bench-'))
const wanted = process.argv.slice(2)
const names = wanted.length ? all.filter((n) => wanted.includes(n) || wanted.includes(n.slice('bench-'.length))) : all

let failed = 0
for (const name of names) {
  console.log(`\n=== ${name} ===`)
  for (const need of ENTRIES[name].needs ?? []) await buildEntry(need)
  if (!(await buildEntry(name))) {
    console.log(`skipped: ${ENTRIES[name].src} does not exist yet`)
    continue
  }
  const run = spawnSync(process.execPath, [resolve(root, ENTRIES[name].out)], { cwd: root, stdio: 'inherit' })
  if (run.status !== 0) {
    failed++
    console.log(`${name} failed (exit ${run.status ?? run.signal})`)
  }
}
// Benchmarks in Chromium (bench/*.bench.ts, through the e2e harness): need the built renderer.
const browserBenches = ['nodes-screen']
for (const name of browserBenches.filter((n) => !wanted.length || wanted.includes(n) || wanted.includes(`bench-${n}`))) {
  console.log(`\n=== bench-${name} (Chromium) ===`)
  const run = spawnSync('npx', ['playwright', 'test', '-c', 'bench/playwright.config.ts', `bench/${name}.bench.ts`], { cwd: root, stdio: 'inherit' })
  if (run.status !== 0) {
    failed++
    console.log(`bench-${name} failed (exit ${run.status ?? run.signal}); build first: npm run build`)
  }
}
process.exit(failed ? 1 : 0)
