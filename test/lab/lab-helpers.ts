import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execa } from 'execa'
import { afterEach } from 'vitest'
import { writeFile } from 'node:fs/promises'
import { expect } from 'vitest'
import { createLab, type CreateLabOptions, type Lab } from '../../src/lab/lab'
import { preset } from '../../src/lab/machines'
import { runTalosctl } from '../../src/lab/talosctl/run'

/** Splits concatenated top-level JSON objects: each starts with "{" and ends with "}" at column 0. */
export function splitObjects(text: string): string[] {
  if (text === '') return []
  return text.split(/(?<=^\}\n)/m).filter((s) => s.length > 0)
}

export interface Result {
  stdout: string
  stderr: string
  exitCode: number
}

/** Runs the built fake talosctl as a real process. */
export async function fake(lab: Lab, args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<Result> {
  const r = await execa(lab.talosctlPath, args, {
    cwd: opts.cwd ?? lab.dir,
    env: { ...lab.env, HOME: lab.home, ...opts.env },
    reject: false,
    stdin: 'ignore',
    stripFinalNewline: false,
    timeout: 20_000
  })
  return { stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), exitCode: r.exitCode ?? -1 }
}

/** Runs the same code in-process: quicker, for tests about behaviour rather than the process. */
export async function run(
  lab: Lab,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string | undefined>; signal?: AbortSignal } = {}
): Promise<Result> {
  let stdout = ''
  let stderr = ''
  const exitCode = await runTalosctl(args, {
    env: { ...lab.env, HOME: lab.home, ...opts.env },
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: opts.cwd ?? lab.dir,
    signal: opts.signal
  })
  return { stdout, stderr, exitCode }
}

const cleanup: string[] = []
afterEach(async () => {
  for (const dir of cleanup.splice(0)) await rm(dir, { recursive: true, force: true })
})

/** A lab in a fresh temporary folder, removed after the test. */
export async function newLab(opts: Omit<CreateLabOptions, 'dir'>): Promise<Lab> {
  const dir = await mkdtemp(join(tmpdir(), 'wild-lab-'))
  cleanup.push(dir)
  return createLab({ ...opts, dir })
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Polls until `check` returns a value or the time runs out. */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 5000, every = 50): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await check()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error('condition not met in time')
    await sleep(every)
  }
}

/** Runs talosctl with the generated admin talosconfig through the control plane at 127.0.10.11. */
export const secure = (lab: Lab, node: string, ...a: string[]): Promise<Result> =>
  run(lab, ['--talosconfig', 'o/talosconfig', '-e', '127.0.10.11', '-n', node, ...a])

/** A control plane (nvme-mini-pc, 127.0.10.11) and a worker (sata-tower, 127.0.10.12), running; bootstrapped unless told not to. */
export async function twoNodeCluster(timing: CreateLabOptions['timing'], bootstrap = true): Promise<Lab> {
  const lab = await newLab({ machines: [preset('nvme-mini-pc'), preset('sata-tower')], timing })
  await writeFile(join(lab.dir, 'p.yaml'), 'machine:\n  install:\n    disk: /dev/sda\n')
  expect((await run(lab, ['gen', 'config', 'demo', 'https://127.0.10.11:6443', '-o', 'o', '--install-disk', '/dev/nvme0n1'])).exitCode).toBe(0)
  expect((await run(lab, ['apply-config', '-i', '-n', '127.0.10.11', '-f', 'o/controlplane.yaml'])).exitCode).toBe(0)
  expect((await run(lab, ['apply-config', '-i', '-n', '127.0.10.12', '-f', 'o/worker.yaml', '--config-patch', '@p.yaml'])).exitCode).toBe(0)
  for (const id of ['nvme-mini-pc', 'sata-tower']) {
    await eventually(async () => ((await lab.machineById(id))?.stage === 'running' ? true : undefined))
  }
  if (bootstrap) expect((await secure(lab, '127.0.10.11', 'bootstrap')).exitCode).toBe(0)
  return lab
}
