// Reads the vitest and Playwright JSON reports and prints the one line CI reads:
// "N passed, N failed". Exits 1 when anything failed or a report is missing.
import { existsSync, readFileSync } from 'node:fs'

let passed = 0
let failed = 0
let skipped = 0
const args = process.argv.slice(2)
const files = []
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--failed-stage') {
    console.error(`stage failed: ${args[++i]}`)
    failed++
  } else files.push(args[i])
}
for (const file of files) {
  if (!existsSync(file)) {
    console.error(`missing test report ${file}: that test stage did not run`)
    failed++
    continue
  }
  const r = JSON.parse(readFileSync(file, 'utf8'))
  if ('numPassedTests' in r) {
    passed += r.numPassedTests
    failed += r.numFailedTests
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
    // A file that failed with no failed test in it (it did not load, or a beforeAll/afterAll threw)
    // counts as one failure: its tests may all have passed.
    failed += (r.testResults ?? []).filter((t) => t.status === 'failed' && !(t.assertionResults ?? []).some((a) => a.status === 'failed')).length
  } else if (r.stats) {
    passed += r.stats.expected + (r.stats.flaky ?? 0)
    failed += r.stats.unexpected
    skipped += r.stats.skipped
    if ((r.errors ?? []).length) failed += r.errors.length
  }
}
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''))
process.exit(failed > 0 || passed === 0 ? 1 : 0)
