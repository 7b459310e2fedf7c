/**
 * Benchmark (a): our discovery probe against `nmap -p 50000 --open -T4` on the same targets.
 *
 * Targets: 127.0.77.0/24 on loopback, holding 20 listeners that stand for Talos endpoints
 * (127.0.77.10–29) and 20 silent hosts (127.0.77.200–219: listeners in a stopped process with a
 * full accept queue, so SYNs get no answer, as behind a dropping firewall). Every other address
 * refuses at once. Rounds alternate ours and nmap so machine noise falls on both.
 *
 * Figures: wall time of our TCP probe phase (in-process, the same work nmap does), with the
 * adaptive deadline (default) and with a fixed 1000 ms deadline; nmap as asked, and with -n
 * (no reverse DNS: our probe resolves no names, and without a resolver nmap waits on DNS);
 * the full discovery (operation, status file, events) with an instant stand-in identify, and
 * with identification through the simulated lab's talosctl when that is built: its native client
 * (src/lab/fast) when cc built it, which starts like real talosctl and has the lab server in this
 * process run the call, else the Node script (a Node start per call, which real talosctl does
 * not cost). Then nine lab machines against nmap (discovery-nine.ts), the issue 14 item 9 figure.
 *
 * Env: BENCH_ROUNDS (default 3), BENCH_DISCOVERY_PORT (default 50000), BENCH_LAB_TALOSCTL=node
 * (the nine-machine case with the Node talosctl instead of the native client, to compare).
 */
import { execFile } from 'node:child_process'
import { existsSync, promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createLab } from '../src/lab/lab'
import { serveLab } from '../src/lab/listeners'
import { configuredNode, PRESET_NAMES, preset, type PresetName } from '../src/lab/machines'
import { createCore } from '../src/core'
import { hostsOf, parseCidr } from '../src/core/discovery/cidr'
import type { Identify } from '../src/core/discovery/identify'
import { probeHosts } from '../src/core/discovery/probe'
import { createDiscoveryService } from '../src/core/discovery/service'
import { EventBus } from '../src/core/event-bus'
import { createOperationsRegistry } from '../src/core/operations/registry'
import { nineMachines } from './discovery-nine'
import { loopbackRange, startListeners, startSilentHosts } from '../test/helpers/loopback-hosts'

const RANGE = '127.0.77.0/24'
const PORT = Number(process.env.BENCH_DISCOVERY_PORT ?? 50000)
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3))
const NMAP = '/usr/bin/nmap'
const TALOS = loopbackRange(77, 10, 20)
const SILENT = loopbackRange(77, 200, 20)

interface Run {
  ms: number
  found: string[]
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

async function ours(adaptive: boolean): Promise<Run> {
  const found: string[] = []
  const t0 = performance.now()
  await probeHosts({
    hosts: hostsOf(parseCidr(RANGE)),
    port: PORT,
    adaptive,
    onResult: (r) => {
      if (r.outcome === 'open') found.push(r.ip)
    }
  })
  return { ms: performance.now() - t0, found }
}

function nmap(extra: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    execFile(NMAP, [...extra, '-p', String(PORT), '--open', '-T4', '-oG', '-', RANGE], { timeout: 300_000 }, (err, stdout) => {
      const ms = performance.now() - t0
      if (err) return reject(err)
      const found = stdout
        .split('\n')
        .filter((l) => new RegExp(`Ports: .*\\b${PORT}/open/`).test(l))
        .map((l) => /^Host: (\S+)/.exec(l)![1]!)
      resolve({ ms, found })
    })
  })
}

async function fullDiscovery(identify: Identify): Promise<Run> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'wild-bench-'))
  try {
    await fs.mkdir(join(dir, 'instances', 'bench'), { recursive: true })
    const events = new EventBus()
    const operations = createOperationsRegistry({ dataDir: dir, events })
    const discovery = createDiscoveryService({ dataDir: dir, events, operations, identify })
    const t0 = performance.now()
    const { operationId } = await discovery.start({ instance: 'bench', cidr: RANGE, port: PORT })
    const op = await operations.wait('bench', operationId)
    const ms = performance.now() - t0
    if (op.status !== 'completed') throw new Error(`discovery ended ${op.status}: ${op.message}`)
    const status = await discovery.status('bench')
    await operations.close()
    return { ms, found: status.nodesFound.map((n) => n.ip) }
  } finally {
    await fs.rm(dir, { recursive: true, force: true })
  }
}

/**
 * The full discovery as the app runs it, talosctl included: the 20 endpoints are lab machines
 * (18 in maintenance mode, 2 configured) answering the fake talosctl. Null when the lab's
 * talosctl is not built.
 */
async function labDiscovery(): Promise<(Run & { maintenance: number; configured: number }) | null> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'wild-bench-lab-'))
  try {
    const names = PRESET_NAMES.filter((n) => n !== 'configured-node') as PresetName[]
    const machines = TALOS.map((ip, i) =>
      i >= 18 ? { ...configuredNode(ip).machine, id: `configured-${i}` } : preset(names[i % names.length]!, { ip, id: `m-${i}` })
    )
    const lab = await createLab({ dir, machines })
    if (!existsSync(lab.talosctlPath)) return null
    const listeners = await serveLab(lab, { port: PORT })
    const env = Object.fromEntries(Object.entries(lab.env).filter((e): e is [string, string] => e[1] !== undefined))
    const core = createCore({ dataDir: join(dir, 'data'), talosctlPath: lab.talosctlPath, talosctlEnv: env })
    try {
      await core.instances.create('bench', { use: true })
      const t0 = performance.now()
      const { operationId } = await core.discovery.start({ instance: 'bench', cidr: RANGE, port: PORT })
      const op = await core.operations.wait('bench', operationId)
      const ms = performance.now() - t0
      if (op.status !== 'completed') throw new Error(`lab discovery ended ${op.status}: ${op.message}`)
      const nodes = (await core.discovery.status('bench')).nodesFound
      return {
        ms,
        found: nodes.map((n) => n.ip),
        maintenance: nodes.filter((n) => n.state === 'maintenance').length,
        configured: nodes.filter((n) => n.state === 'configured').length
      }
    } finally {
      await core.close()
      await listeners.close()
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true })
  }
}

const instantIdentify: Identify = async () => ({
  state: 'maintenance',
  mac: null,
  hostname: null,
  version: null,
  interface: null,
  stage: 'maintenance',
  note: null
})

function check(name: string, run: Run): string {
  const got = new Set(run.found)
  const ok = got.size === TALOS.length && TALOS.every((ip) => got.has(ip))
  return ok ? 'exactly the 20 endpoints' : `WRONG: ${run.found.length} hosts (${run.found.slice(0, 5).join(', ')}…) [${name}]`
}

const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`

async function main(): Promise<void> {
  console.log(`discovery bench: ${RANGE} port ${PORT}, 20 listening endpoints, 20 silent hosts, ${ROUNDS} rounds`)
  const listeners = await startListeners(TALOS, PORT)
  const silent = await startSilentHosts(SILENT, PORT)
  const haveNmap = existsSync(NMAP)
  try {
    const runs: Record<string, Run[]> = { adaptive: [], fixed: [], nmapN: [] }
    // One warm-up of each so neither side pays first-run costs in the figures.
    await ours(true)
    if (haveNmap) await nmap(['-n'])
    for (let i = 0; i < ROUNDS; i++) {
      runs.adaptive!.push(await ours(true))
      if (haveNmap) runs.nmapN!.push(await nmap(['-n']))
      runs.fixed!.push(await ours(false))
    }
    const literal = haveNmap ? await nmap([]) : null
    const full = await fullDiscovery(instantIdentify)
    // The lab opens its own listeners on the endpoint addresses.
    await listeners.close()
    const withLab = await labDiscovery()

    const line = (label: string, rs: Run[]) =>
      console.log(`${label.padEnd(52)} median ${fmt(median(rs.map((r) => r.ms)))}  [${rs.map((r) => r.ms.toFixed(0)).join(', ')}]  ${check(label, rs[0]!)}`)
    console.log('')
    line('ours: TCP probe phase, adaptive deadline (default)', runs.adaptive!)
    line('ours: TCP probe phase, fixed 1000 ms deadline', runs.fixed!)
    if (haveNmap) {
      line('nmap -n -p 50000 --open -T4', runs.nmapN!)
      line('nmap -p 50000 --open -T4 (as asked, reverse DNS on)', [literal!])
    } else {
      console.log(`nmap not found at ${NMAP}: install it with "apt-get install nmap" to compare. Comparison skipped.`)
    }
    line('ours: full discovery, instant identify (no talosctl)', [full])
    if (withLab) {
      line('ours: full discovery with talosctl identification (lab)', [withLab])
      console.log(`  lab identification: ${withLab.maintenance} maintenance, ${withLab.configured} configured (expected 18 and 2)`)
    } else console.log('lab talosctl not built (node scripts/build-node.mjs talosctl): full discovery with identification skipped')

    const nine = await nineMachines({ port: PORT, rounds: ROUNDS, nmap: NMAP })
    if (nine) {
      const med = median(nine.scansMs)
      const best = Math.min(...nine.scansMs)
      const list = (xs: number[]) => `[${xs.map((m) => m.toFixed(0)).join(', ')}]`
      console.log('')
      console.log(`nine lab Talos machines on 127.0.78.0/24 (8 maintenance, 1 configured), ${nine.found} found`)
      console.log(
        nine.talosctl === 'native'
          ? '  lab talosctl: the native client (out/lab/talosctl), get/version run by the lab server in this process: it starts like real (Go) talosctl'
          : '  lab talosctl: out/lab/talosctl.js, a Node start per call (asked by BENCH_LAB_TALOSCTL=node, or no cc built the native client), far slower than real talosctl'
      )
      console.log(`  full scan with identification: median ${fmt(med)}  best ${fmt(best)}  ${list(nine.scansMs)}`)
      console.log(`  … and versions filled in:       median ${fmt(median(nine.filledMs))}  best ${fmt(Math.min(...nine.filledMs))}  ${list(nine.filledMs)}`)
      console.log(`  CPU time, ours + talosctl:      median ${median(nine.cpuS).toFixed(2)} s  [${nine.cpuS.map((c) => c.toFixed(2)).join(', ')}]`)
      if (nine.nmapMs.length) {
        const n = median(nine.nmapMs)
        const nBest = Math.min(...nine.nmapMs)
        console.log(`  nmap -n on the same targets:    median ${fmt(n)}  best ${fmt(nBest)}  ${list(nine.nmapMs)}`)
        console.log(`  → ours ${(med / n).toFixed(2)}× nmap (medians), ${(best / nBest).toFixed(2)}× (best of each); aim ≤ 3×`)
        console.log('    (with the native client most of what remains is the app starting a process per call, as with real talosctl:')
        console.log('     forking this Node process and execa cost more CPU than the lab answering the call)')
      }
      console.log(`  talosctl processes per machine before complete (a separate counting round): ${Object.values(nine.processes).join(', ')} (configured last)`)
      console.log(`  then ${nine.versionReads} version reads (one per maintenance machine with a version resource)`)
    }

    if (haveNmap) {
      const a = median(runs.adaptive!.map((r) => r.ms))
      const n = median(runs.nmapN!.map((r) => r.ms))
      console.log('')
      console.log(`ratio ours/nmap -n (probe phase, adaptive):   ${(a / n).toFixed(2)}×  (aim ≤ 1.2×)`)
      console.log(`ratio ours/nmap -n (probe phase, fixed 1 s):  ${(median(runs.fixed!.map((r) => r.ms)) / n).toFixed(2)}×`)
      console.log(`ratio ours/nmap as asked (adaptive):          ${(a / literal!.ms).toFixed(2)}×`)
      console.log(`hosts found: ours ${runs.adaptive![0]!.found.length}, nmap -n ${runs.nmapN![0]!.found.length}, nmap as asked ${literal!.found.length}`)
    }
  } finally {
    await listeners.close()
    await silent.close()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
