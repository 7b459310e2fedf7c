/**
 * Benchmark: `wild node list --json` on an instance with 250 nodes against `wild -V` (the same
 * CLI doing nothing), both as the operator runs them: a fresh Node process each time. Aim: the
 * list under 0.25 s wall, i.e. reading config.yaml costs no more than starting the process.
 *
 * Figures: median and best wall time of each over BENCH_ROUNDS runs (alternating, so machine
 * noise falls on both), plus the first list (no read cache yet) separately.
 * Needs the built CLI (out/cli/wild.js): `npm run bench -- node-list` builds it first.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { makeFleet } from './fleet'

// BENCH_CLI: another build of wild.js to compare with (e.g. one saved before a change).
const CLI = resolve(process.env.BENCH_CLI ?? 'out/cli/wild.js')
const ROUNDS = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 15))

function run(args: string[]): number {
  const t0 = performance.now()
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, WILD_CENTRAL_DATA: '' } })
  const ms = performance.now() - t0
  if (r.status !== 0) throw new Error(`wild ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  return ms
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const fmt = (ms: number) => `${(ms / 1000).toFixed(3)} s`

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error('Build the CLI first: node scripts/build-node.mjs cli')
  const dir = mkdtempSync(join(tmpdir(), 'wild-bench-fleet-'))
  try {
    await makeFleet(dir)
    const list = ['--data-dir', dir, 'node', 'list', '--json']
    const out = spawnSync(process.execPath, [CLI, ...list], { encoding: 'utf8' }).stdout
    if ((JSON.parse(out) as unknown[]).length !== 250) throw new Error('expected 250 nodes in the list')
    rmSync(join(dir, 'cache'), { recursive: true, force: true })
    const cold = run(list)
    const lists: number[] = []
    const versions: number[] = []
    for (let i = 0; i < ROUNDS; i++) {
      versions.push(run(['-V']))
      lists.push(run(list))
    }
    console.log(`wild -V                          median ${fmt(median(versions))}  best ${fmt(Math.min(...versions))}`)
    console.log(`wild node list --json (250)      median ${fmt(median(lists))}  best ${fmt(Math.min(...lists))}`)
    console.log(`  first list (no read cache)     ${fmt(cold)}`)
    console.log(`  list − version (median)        ${fmt(median(lists) - median(versions))}  (aim: list under 0.250 s)`)
  } finally {
    // BENCH_KEEP=1 leaves the fleet's folder for profiling a single list by hand.
    if (process.env.BENCH_KEEP) console.log(`fleet kept in ${dir}`)
    else rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
