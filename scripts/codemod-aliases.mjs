// Rewrites imports that climb 3+ folders into src/<area>/ as @<area>/ aliases (run it on branches written before the aliases).
import { readFileSync, writeFileSync } from 'node:fs'
import { execSync } from 'node:child_process'
import { resolve, dirname, relative } from 'node:path'
import { ALIAS_DIRS } from './aliases.mjs'
const root = process.cwd()
const files = execSync("git ls-files 'src/**/*.ts' 'src/**/*.tsx' 'test/**/*.ts' 'test/**/*.tsx' 'bench/**/*.ts'", { encoding: 'utf8' })
  .split('\n')
  .filter(Boolean)
const dirs = Object.entries(ALIAS_DIRS).sort((a, b) => b[1].length - a[1].length)
let changed = 0,
  edits = 0
for (const f of files) {
  const text = readFileSync(f, 'utf8')
  const out = text.replace(/(['"])((?:\.\.\/){3,}[^'"]+)\1/g, (m, q, spec) => {
    const abs = resolve(dirname(resolve(root, f)), spec)
    const rel = relative(root, abs)
    for (const [name, dir] of dirs) {
      if (rel === dir || rel.startsWith(dir + '/')) {
        edits++
        return q + name + rel.slice(dir.length) + q
      }
    }
    return m
  })
  if (out !== text) {
    writeFileSync(f, out)
    changed++
  }
}
console.log(`${edits} imports in ${changed} files`)
