import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { LAB_FILE_ENV, type Faults, type LabFile, type LabFileInput, type MachineInput, type Timing } from './model'
import { locate, viewMachine, type MachineView } from './stage'
import { readLab, updateLab, writeLab } from './state'

/**
 * A simulated lab for tests and demos: writes the lab file and hands back what a caller needs
 * to run the fake talosctl against it and to look at or change the machines.
 */

export interface Lab {
  /** The lab file (JSON); `$WILD_LAB_FILE` points the fake talosctl at it. */
  file: string
  dir: string
  /** Environment for the fake talosctl: the lab file set, TALOSCONFIG unset. */
  env: Record<string, string | undefined>
  /**
   * The lab's talosctl, built by scripts/build-node.mjs talosctl: the native client
   * out/lab/talosctl when a C compiler built it (fast/talosctl-client.c), else out/lab/talosctl.js.
   */
  talosctlPath: string
  /** Stands in for $HOME inside the lab (so ~/.talos/config is never the real one). */
  home: string
  read(): Promise<LabFile>
  /** The machine that answers at `ip` now, or that holds it while quiet; undefined if none. */
  machine(ip: string): Promise<MachineView | undefined>
  /** Same, by preset/machine id. */
  machineById(id: string): Promise<MachineView | undefined>
  update(change: (lab: LabFile, now: number) => void): Promise<void>
  setFaults(id: string, faults: Faults): Promise<void>
}

export interface CreateLabOptions {
  dir: string
  machines: MachineInput[]
  timing?: Partial<Timing>
  absentHost?: LabFileInput['absentHost']
  clientVersion?: string
}

/** Walks up from this module to the project root (the folder with package.json and out/). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir
    dir = dirname(dir)
  }
  return process.cwd()
}

/** The Node talosctl; the native client beside it (same name without .js) runs it when it cannot be quicker. */
export function talosctlPath(): string {
  return resolve(projectRoot(), 'out', 'lab', 'talosctl.js')
}

function labTalosctlPath(): string {
  const native = talosctlPath().replace(/\.js$/, '')
  return existsSync(native) ? native : talosctlPath()
}

export async function createLab(o: CreateLabOptions): Promise<Lab> {
  const file = join(o.dir, 'lab.json')
  const home = join(o.dir, 'home')
  await mkdir(home, { recursive: true })
  await writeLab(file, {
    home,
    timing: o.timing as Timing | undefined,
    absentHost: o.absentHost,
    clientVersion: o.clientVersion,
    machines: o.machines
  })
  const read = (): Promise<LabFile> => readLab(file)
  return {
    file,
    dir: o.dir,
    home,
    env: { [LAB_FILE_ENV]: file, TALOSCONFIG: undefined },
    talosctlPath: labTalosctlPath(),
    read,
    async machine(ip) {
      const lab = await read()
      const now = Date.now()
      const where = locate(lab, ip, now)
      if (where.kind === 'machine') return where.view
      const holder = lab.machines.find((m) => m.ip === ip || m.transition?.fromIp === ip)
      return holder ? viewMachine(holder, now, lab.timing) : undefined
    },
    async machineById(id) {
      const lab = await read()
      const m = lab.machines.find((x) => x.id === id)
      return m ? viewMachine(m, Date.now(), lab.timing) : undefined
    },
    update: (change) => updateLab(file, change),
    setFaults: (id, faults) =>
      updateLab(file, (lab) => {
        const m = lab.machines.find((x) => x.id === id)
        if (!m) throw new Error(`no machine ${id} in the lab`)
        m.faults = faults
      })
  }
}
