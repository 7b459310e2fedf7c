import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/** Every .ts/.tsx file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return sources(path)
    return /\.tsx?$/.test(e.name) ? [path] : []
  })
}

// House rule: small files with one job. A newcomer reads a file whole; past 300 lines a file has
// usually grown a second job, which belongs in a file of its own.
const LIMIT = 300

describe('source files', () => {
  it(`none under src/ is longer than ${LIMIT} lines`, () => {
    const long = sources('src')
      .map((file) => ({ file, lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > LIMIT)
      .map((f) => `${f.file}: ${f.lines} lines`)
    expect(long, 'split these by job (see docs/architecture.md)').toEqual([])
  })
})
