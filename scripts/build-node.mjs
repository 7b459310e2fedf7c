// Builds the plain-Node entry points (the `wild` CLI, the simulated talosctl, the preview
// server) as single self-contained CommonJS files. Importable so test setup can build the lab.
import { existsSync, chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { execa } from 'execa'
import { build } from 'vite'
import { aliases } from './aliases.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

export const ENTRIES = {
  // `wild` is a small launcher that runs the program (`with`: out/cli/main.js) through V8's code
  // cache. Split: what a command does not use (the demo lab, HTTP) is a chunk loaded on demand,
  // so `wild node list` does not read and compile the whole program first.
  cli: { src: 'src/cli/wild.ts', out: 'out/cli/wild.js', bin: true, split: true, with: ['src/cli/main.ts'] },
  // `native`: the lab's talosctl as a small C client that starts like real (Go) talosctl and asks
  // the lab's server, else runs out/lab/talosctl.js (src/lab/fast/talosctl-client.c).
  talosctl: {
    src: 'src/lab/talosctl/bin.ts',
    out: 'out/lab/talosctl.js',
    bin: true,
    native: { src: 'src/lab/fast/talosctl-client.c', out: 'out/lab/talosctl' }
  },
  preview: { src: 'src/preview/server.ts', out: 'out/preview/server.js', bin: false },
  // Browser scripts that build window.wild from the same API factory as the preload.
  'bridge-binding': { src: 'src/preload/binding-bridge.ts', out: 'out/bridges/binding-bridge.js', browser: true },
  'bridge-ws': { src: 'src/preload/ws-bridge.ts', out: 'out/bridges/ws-bridge.js', browser: true },
  'bench-download': { src: 'bench/download.ts', out: 'out/bench/download.js', bin: false },
  'bench-discovery': { src: 'bench/discovery.ts', out: 'out/bench/discovery.js', bin: false },
  'bench-pxe': { src: 'bench/pxe.ts', out: 'out/bench/pxe.js', bin: false },
  // Runs the built CLI: `needs` entries are built first by scripts/bench.mjs.
  'bench-node-list': { src: 'bench/node-list.ts', out: 'out/bench/node-list.js', bin: false, needs: ['cli'] }
}

const external = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'electron']

/**
 * Compiles an entry's C client with `cc -O2` (or $CC). Without a compiler (or when it fails) the stale
 * binary is removed and the Node script stays the program, and the build says so.
 */
async function buildNative(native) {
  const outFile = resolve(root, native.out)
  const compiler = process.env.CC || 'cc'
  const cc = await execa(compiler, ['-O2', '-Wall', '-o', outFile, resolve(root, native.src)], { reject: false, timeout: 60_000 })
  if (cc.exitCode === 0) return
  rmSync(outFile, { force: true })
  const why = cc.code === 'ENOENT' ? `no C compiler (${compiler}) found` : `${compiler} failed: ${String(cc.stderr || cc.shortMessage).trim()}`
  console.log(`${native.out} not built (${why}): ${native.out}.js is the program (a Node start per call; apt-get install gcc for the native one)`)
}

/**
 * Rewrites every non-ASCII character of a built file as a \\uXXXX escape. V8 holds a source with
 * any such character as a two-byte string: reading the CLI's 1.2 MB bundle on every start took
 * twice as long for a few dashes and arrows. In our output they only occur in strings, templates,
 * regular expressions and comments, where the escape means the same character.
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8')
  const ascii = text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  if (ascii !== text) writeFileSync(file, ascii)
}

export async function buildEntry(name) {
  const entry = ENTRIES[name]
  const input = resolve(root, entry.src)
  if (!existsSync(input)) return false
  const outFile = resolve(root, entry.out)
  if (entry.browser) {
    await build({
      root,
      configFile: false,
      logLevel: 'warn',
      resolve: { alias: aliases() },
      build: {
        lib: { entry: input, formats: ['iife'], name: 'wildBridge', fileName: () => outFile.split('/').pop() },
        outDir: dirname(outFile),
        emptyOutDir: false,
        target: 'es2022',
        minify: true
      }
    })
    return true
  }
  // Extra entries (`with`) land beside the main one, named after their source file.
  const baseName = (file) =>
    file
      .split('/')
      .pop()
      .replace(/\.[^.]+$/, '')
  // Chunk names carry a content hash: without this, every rebuild left the last one's chunks behind.
  if (entry.split) rmSync(resolve(dirname(outFile), 'chunks'), { recursive: true, force: true })
  const inputs = Object.fromEntries([[baseName(entry.out), input], ...(entry.with ?? []).map((src) => [baseName(src), resolve(root, src)])])
  const result = await build({
    root,
    configFile: false,
    logLevel: 'warn',
    resolve: { alias: aliases() },
    build: {
      ssr: true,
      target: 'node20',
      outDir: dirname(outFile),
      emptyOutDir: false,
      minify: false,
      sourcemap: false,
      rollupOptions: {
        input: inputs,
        external,
        output: {
          format: 'cjs',
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          // `import('node:net')` becomes a require: the CLI runs its bundle through vm.Script
          // (for the code cache), where a native dynamic import has no loader.
          dynamicImportInCjs: false,
          codeSplitting: Boolean(entry.split)
        }
      }
    },
    ssr: { noExternal: true, target: 'node' }
  })
  for (const output of [result].flat()) for (const file of output.output) if (file.type === 'chunk') asciiOnly(resolve(dirname(outFile), file.fileName))
  if (entry.bin) {
    const text = readFileSync(outFile, 'utf8')
    if (!text.startsWith('#!')) writeFileSync(outFile, '#!/usr/bin/env node\n' + text)
    chmodSync(outFile, 0o755)
  }
  if (entry.native) await buildNative(entry.native)
  return true
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  // Benchmarks are built by scripts/bench.mjs, not by the app build.
  const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(ENTRIES).filter((n) => !n.startsWith('bench-'))
  for (const name of names) {
    const built = await buildEntry(name)
    console.log(`${built ? 'built' : 'skipped (no source yet)'} ${name} → ${ENTRIES[name].out}`)
  }
}
