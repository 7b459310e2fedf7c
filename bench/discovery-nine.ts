/**
 * Bench case (issue 14 item 9): a loopback /24 holding nine lab Talos machines laid out as
 * test/integration/discovery/lab.test.ts does (every maintenance preset plus one configured
 * node). Measures the whole scan with talosctl identification, nmap on the same targets, and
 * how many talosctl processes each machine cost (a wrapper script logs every invocation, in one
 * extra round apart from the timed ones: the wrapper is a process of its own).
 *
 * The lab's talosctl is the native client (out/lab/talosctl, src/lab/fast) when cc built it:
 * it starts like real talosctl (a Go binary) and asks the lab's server, which serveLab runs in
 * this process, so the figures count our work and a native start per call, not a Node start
 * (0.1-0.3 s of CPU each, which real talosctl does not cost). Without it, out/lab/talosctl.js.
 */
import { execFile } from 'node:child_process'
import { existsSync, promises as fs, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createCore } from '../src/core'
import { createLab, talosctlPath } from '../src/lab/lab'
import { serveLab } from '../src/lab/listeners'
import { configuredNode, PRESET_NAMES, preset, type PresetName } from '../src/lab/machines'

const RANGE = '127.0.78.0/24'
const NAMES = PRESET_NAMES.filter((n) => n !== 'configured-node') as PresetName[]
const ipOf = (i: number) => `127.0.78.${20 + i}`

export interface NineResult {
  /** Until the scan operation reported every machine complete. */
  scansMs: number[]
  /** Until the Talos versions were filled in too (they come after completion). */
  filledMs: number[]
  nmapMs: number[]
  /**
   * CPU seconds this process and its reaped children (the talosctl processes) spent until the
   * versions were filled in: on a shared, loaded machine wall times swing, this much less.
   */
  cpuS: number[]
  /** talosctl processes per machine before completion (the version reads come after). */
  processes: Record<string, number>
  /** Which lab talosctl ran: the native client or the Node script. */
  talosctl: 'native' | 'node'
  versionReads: number
  found: number
}

/** utime + stime + cutime + cstime of this process from /proc (Linux), in seconds; 0 elsewhere. */
function cpuSeconds(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ')
    return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / 100
  } catch {
    return 0
  }
}

function nmapOnce(nmap: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    execFile(nmap, ['-n', '-p', String(port), '--open', '-T4', '-oG', '-', RANGE], { timeout: 120_000 }, (err) =>
      err ? reject(err) : resolve(performance.now() - t0)
    )
  })
}

export async function nineMachines(opts: { port: number; rounds: number; nmap: string }): Promise<NineResult | null> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'wild-bench-nine-'))
  try {
    const machines = [...NAMES.map((n, i) => preset(n, { ip: ipOf(i), id: `m-${i}` })), configuredNode(ipOf(NAMES.length)).machine]
    const lab = await createLab({ dir, machines })
    // BENCH_LAB_TALOSCTL=node: the Node talosctl, to compare with the native client.
    const program = process.env.BENCH_LAB_TALOSCTL === 'node' ? talosctlPath() : lab.talosctlPath
    if (!existsSync(program)) return null
    const log = join(dir, 'calls.log')
    const wrapper = join(dir, 'talosctl-counting')
    await fs.writeFile(wrapper, `#!/bin/sh\necho "$*" >> '${log}'\nexec '${program}' "$@"\n`, { mode: 0o755 })
    const listeners = await serveLab(lab, { port: opts.port })
    const env = Object.fromEntries(Object.entries(lab.env).filter((e): e is [string, string] => e[1] !== undefined))
    const core = createCore({ dataDir: join(dir, 'data'), talosctlPath: program, talosctlEnv: env })
    const counting = createCore({ dataDir: join(dir, 'counting'), talosctlPath: wrapper, talosctlEnv: env })
    const talosctl = program.endsWith('.js') ? 'node' : 'native'
    const result: NineResult = { scansMs: [], filledMs: [], nmapMs: [], cpuS: [], processes: {}, versionReads: 0, found: 0, talosctl }
    const scan = async (c: typeof core): Promise<void> => {
      const { operationId } = await c.discovery.start({ instance: 'bench', cidr: RANGE, port: opts.port })
      const op = await c.operations.wait('bench', operationId)
      if (op.status !== 'completed') throw new Error(`nine-machine scan ended ${op.status}: ${op.message}`)
    }
    try {
      await core.instances.create('bench', { use: true })
      await counting.instances.create('bench', { use: true })
      for (let r = 0; r < opts.rounds; r++) {
        const t0 = performance.now()
        const cpu0 = cpuSeconds()
        await scan(core)
        result.scansMs.push(performance.now() - t0)
        // Measured apart, and before nmap runs, so the version reads do not overlap it.
        await core.discovery.filled('bench')
        result.filledMs.push(performance.now() - t0)
        result.cpuS.push(cpuSeconds() - cpu0)
        result.found = (await core.discovery.status('bench')).nodesFound.length
        if (existsSync(opts.nmap)) result.nmapMs.push(await nmapOnce(opts.nmap, opts.port))
      }
      await scan(counting)
      await counting.discovery.filled('bench')
      const all = (await fs.readFile(log, 'utf8')).trim().split('\n')
      const isVersion = (l: string) => l.startsWith('get version ')
      const lines = all.filter((l) => !isVersion(l))
      result.versionReads = all.filter(isVersion).length
      for (const m of machines) result.processes[m.ip] = lines.filter((l) => l.split(' ').includes(m.ip)).length
      return result
    } finally {
      await core.close()
      await counting.close()
      await listeners.close()
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true })
  }
}
