import { readFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ALIAS_DIRS } from '../../../scripts/aliases.mjs'

const tsPaths = JSON.parse(readFileSync('tsconfig.paths.json', 'utf8')).compilerOptions.paths as Record<string, string[]>

describe('import aliases', () => {
  it('tsc (tsconfig.paths.json) and the bundlers (scripts/aliases.mjs) map the same names to the same folders', () => {
    const fromTs = Object.fromEntries(
      Object.entries(tsPaths)
        .filter(([k]) => !k.endsWith('/*'))
        .map(([k, [dir]]) => [k, dir.replace(/^\.\//, '')])
    )
    expect(fromTs).toEqual(ALIAS_DIRS)
    for (const [name, dir] of Object.entries(ALIAS_DIRS)) expect(tsPaths[`${name}/*`]).toEqual([`./${dir}/*`])
  })

  it('no source or test file climbs three or more folders to reach an aliased folder', () => {
    const files = execFileSync('git', ['ls-files', 'src', 'test', 'bench'], { encoding: 'utf8' })
      .split('\n')
      .filter((f) => /\.tsx?$/.test(f) && !f.startsWith('test/e2e/'))
    const aliased = Object.values(ALIAS_DIRS)
    const climbs = files.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/from '((?:\.\.\/){3,}[^']*)'/g)]
        .filter((m) => {
          const target = relative(process.cwd(), resolve(join(dirname(f), m[1])))
          return aliased.some((dir) => target === dir || target.startsWith(`${dir}/`))
        })
        .map((m) => `${f}: ${m[1]}`)
    )
    expect(climbs).toEqual([])
  })
})
