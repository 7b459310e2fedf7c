import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/** Every source and test file, as text. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return files(p)
    return /\.(ts|tsx|mts|mjs|cjs|js)$/.test(name) ? [p] : []
  })
}

describe('the repository is self-contained', () => {
  it('no source, test or script reads the reference folder beside the checkout', () => {
    // A fresh clone has no ../shared; CI hides it. A path to it in code is a test that only
    // passes on a developer's machine.
    const offenders = ['src', 'test', 'scripts', 'bench']
      .flatMap(files)
      .filter((f) => /\.\.\/shared\/(reference|README|operator)/.test(readFileSync(f, 'utf8')))
    expect(offenders).toEqual([])
  })
})
