import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runBundle } from '@cli/compile-cache'
import { runWild } from '../../helpers/cli'

let dir: string
let cacheDir: string
const env = () => ({ WILD_COMPILE_CACHE: cacheDir })
const g = globalThis as { compileCacheRuns?: string[] }

// A CommonJS bundle that records how it ran: its require, module and __dirname are the usual ones.
function bundle(name: string, tag = name): string {
  const file = join(dir, `${name}.js`)
  writeFileSync(
    file,
    `;(globalThis.compileCacheRuns ??= []).push(${JSON.stringify(tag)} + ':' + typeof require('node:path').join + ':' + (module.filename === __filename) + ':' + __dirname)\n`
  )
  return file
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wild-compile-cache-'))
  cacheDir = join(dir, 'cache')
  g.compileCacheRuns = []
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const cacheFiles = () => readdirSync(cacheDir).filter((f) => f.endsWith('.v8'))

describe('the CLI compile cache (in process)', () => {
  it('runs the program once when a chunk it loads requires the entry back (code splitting does that)', () => {
    const main = join(dir, 'main.js')
    writeFileSync(join(dir, 'chunk.js'), `const entry = require('./main.js')\nmodule.exports = entry.shared + 1\n`)
    writeFileSync(
      main,
      `;(globalThis.compileCacheRuns ??= []).push('main')\nexports.shared = 41\nglobalThis.compileCacheRuns.push(String(require('./chunk.js')))\n`
    )
    runBundle(main, env())
    expect(g.compileCacheRuns).toEqual(['main', '42'])
  })

  it('runs the bundle as CommonJS and saves its code cache in a per-user folder (0700, file 0600)', () => {
    const run = runBundle(bundle('main'), env())
    expect(run.cache).toBe('miss')
    expect(g.compileCacheRuns).toEqual([`main:function:true:${dir}`])
    run.save()
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700)
    expect(statSync(run.file!).mode & 0o777).toBe(0o600)
  })

  it('keys the cache by the bundle, so a rebuilt bundle gets a cache of its own', () => {
    const file = bundle('main')
    const first = runBundle(file, env())
    first.save()
    bundle('main', 'rebuilt bundle')
    const again = runBundle(file, env())
    expect(again.file).not.toBe(first.file)
    expect(g.compileCacheRuns!.at(-1)).toMatch(/^rebuilt bundle:/)
  })

  it("drops the cache of a bundle's earlier build when it writes the new one, and keeps other bundles' caches", () => {
    const file = bundle('main')
    runBundle(file, env()).save()
    const other = runBundle(bundle('other'), env())
    other.save()
    expect(cacheFiles()).toHaveLength(2)
    bundle('main', 'rebuilt bundle')
    const rebuilt = runBundle(file, env())
    rebuilt.save()
    // Each update of the app used to leave its ~1 MB cache behind for good.
    expect(cacheFiles().sort()).toEqual([rebuilt.file!, other.file!].map((f) => f.split('/').pop()).sort())
  })

  it('is off with NODE_DISABLE_COMPILE_CACHE or WILD_COMPILE_CACHE=off, and still runs the bundle', () => {
    expect(runBundle(bundle('one'), { NODE_DISABLE_COMPILE_CACHE: '1', WILD_COMPILE_CACHE: cacheDir }).cache).toBe('off')
    expect(runBundle(bundle('two'), { WILD_COMPILE_CACHE: 'off' }).cache).toBe('off')
    expect(g.compileCacheRuns).toHaveLength(2)
  })
})

// V8 keeps compiled scripts per process, so whether the cache is used is seen across processes.
describe('the CLI compile cache (the built wild)', () => {
  it('is written by the first run only, and a damaged one is replaced, with the same answers', async () => {
    const first = await runWild(['-V'], env())
    expect(first.code).toBe(0)
    expect(cacheFiles()).toHaveLength(1)
    const file = join(cacheDir, cacheFiles()[0]!)
    const written = statSync(file)
    expect(written.size).toBeGreaterThan(100_000)
    // A hit leaves the file alone (a write would be a new file renamed over it).
    expect(await runWild(['-V'], env())).toMatchObject({ code: 0, stdout: first.stdout })
    expect(statSync(file).ino).toBe(written.ino)
    writeFileSync(file, 'not a V8 code cache')
    expect(await runWild(['-V'], env())).toMatchObject({ code: 0, stdout: first.stdout })
    expect(statSync(file).size).toBeGreaterThan(100_000)
  })
})
