import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { preset, PRESET_IPS } from './machines'
import { LAB_FILE_ENV, type Timing } from './model'
import { locate } from './stage'
import { readLab, writeLab } from './state'
import { runTalosctl } from './talosctl/run'
import { startFakeFactory } from './factory'

/**
 * The demo lab: a handful of simulated machines in maintenance mode that the whole product can
 * be tried on, with no hardware. Everything runs in-process — the simulated talosctl is a
 * function call, and "probing" a demo address asks the lab — so the demo sends no packet to
 * any network and needs no loopback aliases, admin rights or Node binary (a packaged Electron
 * app cannot run a Node script: its RunAsNode fuse is off).
 */

/** The machines an operator's pile typically has: a mini PC, a tower, a VM, a small board. */
export const DEMO_MACHINES = ['nvme-mini-pc', 'sata-tower', 'virtio-vm', 'emmc-board'] as const
export const DEMO_SUBNET = '127.0.10.0/24'
/** The laptop's own address on the simulated LAN, for range suggestions. */
export const DEMO_LAPTOP_IP = '127.0.10.2'

/** Slow enough that each step is visible, fast enough that the demo never drags. */
export const DEMO_TIMING: Partial<Timing> = {
  installDelayMs: 6000,
  rebootDelayMs: 3000,
  bootDelayMs: 2000,
  healthStepMs: 600
}

export function demoLabFile(demoDataDir: string): string {
  return join(demoDataDir, 'lab', 'lab.json')
}

/** Creates the demo lab file once; an existing lab (a demo in progress) is kept. */
export async function ensureDemoLab(demoDataDir: string, timing: Partial<Timing> = DEMO_TIMING): Promise<string> {
  const file = demoLabFile(demoDataDir)
  if (existsSync(file)) return file
  const home = join(demoDataDir, 'lab', 'home')
  await mkdir(home, { recursive: true })
  await writeLab(file, {
    home,
    timing: timing as Timing,
    machines: DEMO_MACHINES.map((name) => preset(name))
  })
  return file
}

export interface InProcessResult {
  exitCode: number
  stdout: string
  stderr: string
}

/** Runs the simulated talosctl as a function against a lab file. */
export function createInProcessTalosctl(labFile: string) {
  return async function exec(
    args: readonly string[],
    options: { env?: Record<string, string | undefined>; signal?: AbortSignal; onStdout?: (s: string) => void; onStderr?: (s: string) => void } = {}
  ): Promise<InProcessResult> {
    let stdout = ''
    let stderr = ''
    const exitCode = await runTalosctl([...args], {
      env: { ...options.env, [LAB_FILE_ENV]: labFile },
      // A streaming caller keeps what it needs: a followed log must not pile up here.
      stdout: { write: (s: string) => (options.onStdout ? options.onStdout(s) : (stdout += s)) },
      stderr: { write: (s: string) => ((stderr += s), options.onStderr?.(s)) },
      cwd: process.cwd(),
      signal: options.signal
    })
    return { exitCode, stdout, stderr }
  }
}

/** Which demo addresses would answer on the Talos API port right now (no socket involved). */
export async function answeringDemoHosts(labFile: string, hosts: Iterable<string>): Promise<Set<string>> {
  const lab = await readLab(labFile)
  const now = Date.now()
  const open = new Set<string>()
  for (const ip of hosts) {
    if (locate(lab, ip, now).kind === 'machine') open.add(ip)
  }
  return open
}

export const DEMO_MACHINE_IPS = DEMO_MACHINES.map((n) => PRESET_IPS[n])

/** Talos versions the demo's simulated Image Factory knows. */
export const DEMO_FACTORY_VERSIONS = ['v1.11.6', 'v1.11.5', 'v1.10.9', 'v1.9.6']
/** Smaller than the real files (tens of MB instead of a hundred) so the demo never waits long. */
export const DEMO_FACTORY_SIZES: Record<string, number> = {
  'kernel-amd64': 6 * 1024 * 1024,
  'initramfs-amd64.xz': 18 * 1024 * 1024,
  'metal-amd64.iso': 40 * 1024 * 1024,
  'kernel-arm64': 5 * 1024 * 1024,
  'initramfs-arm64.xz': 16 * 1024 * 1024,
  'metal-arm64.iso': 36 * 1024 * 1024
}

/** The demo's Image Factory: loopback only, paced so downloads show progress and can be cancelled. */
export async function startDemoFactory(options: { unref?: boolean } = {}) {
  return startFakeFactory({
    versions: DEMO_FACTORY_VERSIONS,
    sizes: DEMO_FACTORY_SIZES,
    paceBytesPerSecond: 16 * 1024 * 1024,
    unref: options.unref
  })
}
