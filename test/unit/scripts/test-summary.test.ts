import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { execa } from 'execa'
import { describe, expect, it } from 'vitest'
import { withTempDir } from '../../helpers/tmp'

/** Runs scripts/test-summary.mjs on one vitest JSON report; resolves with its line and exit code. */
async function summarise(dir: string, report: object): Promise<{ line: string; code: number }> {
  const file = join(dir, 'vitest.json')
  writeFileSync(file, JSON.stringify(report))
  const r = await execa(process.execPath, ['scripts/test-summary.mjs', file], { reject: false, timeout: 10_000 })
  return { line: r.stdout.trim(), code: r.exitCode ?? -1 }
}

const passing = { status: 'passed', assertionResults: [{ status: 'passed' }, { status: 'passed' }] }

describe('the CI summary line', () => {
  it('passes a clean report', async () => {
    await withTempDir(async (dir) => {
      expect(await summarise(dir, { numPassedTests: 2, numFailedTests: 0, testResults: [passing] })).toEqual({ line: '2 passed, 0 failed', code: 0 })
    })
  })

  it('fails a file whose tests passed but whose afterAll (or beforeAll) failed', async () => {
    await withTempDir(async (dir) => {
      const hookFailed = { status: 'failed', message: 'expected undefined to be +0', assertionResults: [{ status: 'passed' }] }
      expect(await summarise(dir, { numPassedTests: 3, numFailedTests: 0, testResults: [passing, hookFailed] })).toEqual({
        line: '3 passed, 1 failed',
        code: 1
      })
    })
  })

  it('counts a failed test once, not once more for its file', async () => {
    await withTempDir(async (dir) => {
      const oneFailed = { status: 'failed', assertionResults: [{ status: 'passed' }, { status: 'failed' }] }
      expect(await summarise(dir, { numPassedTests: 1, numFailedTests: 1, testResults: [oneFailed] })).toEqual({ line: '1 passed, 1 failed', code: 1 })
    })
  })
})
