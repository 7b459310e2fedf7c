import { readdir, stat } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { createLab, type Lab } from '@lab/lab'
import { preset } from '@lab/machines'
import { createCore, type Core } from '@core'
import type { LifecycleTiming } from '@core/cluster/timing'

/** The cluster every lifecycle test builds: loopback addresses, so nothing leaves 127.0.0.0/8. */
export const NET = { subnet: '127.0.10.0/24', gateway: '127.0.10.1', vip: '127.0.10.10', dns: ['127.0.10.1'] }

/** Two machines in maintenance mode at their DHCP addresses, fast lab timing. */
export async function twoMachineLab(dir: string): Promise<Lab> {
  return createLab({
    dir,
    machines: [preset('nvme-mini-pc', { ip: '127.0.10.101' }), preset('sata-tower', { ip: '127.0.10.102' })]
  })
}

export function labEnv(lab: Lab): Record<string, string> {
  return Object.fromEntries(Object.entries(lab.env).filter((e): e is [string, string] => e[1] !== undefined))
}

export function labCore(lab: Lab, dataDir: string, kubeconfigTarget: string, timing: Partial<LifecycleTiming> = {}, factoryUrl?: string): Core {
  return createCore({
    dataDir,
    factoryUrl,
    talosctlPath: lab.talosctlPath,
    talosctlEnv: labEnv(lab),
    lifecycleTiming: { pollMs: 100, probeTimeoutMs: 5_000, slowAfterMs: 20_000, answerTimeoutMs: 60_000, rebootTimeoutMs: 60_000, ...timing },
    kubeconfigTarget
  })
}

/**
 * Every file under the instance's talos/ folder, the kubeconfig and talosconfig, with their
 * modes; and every folder on the way, with theirs. Key material must be 0600 in 0700 folders.
 */
export async function secretModes(root: string): Promise<{ files: Record<string, number>; dirs: Record<string, number> }> {
  const files: Record<string, number> = {}
  const dirs: Record<string, number> = { '.': (await stat(root)).mode & 0o777 }
  async function walk(dir: string): Promise<void> {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, e.name)
      const mode = (await stat(p)).mode & 0o777
      if (e.isDirectory()) {
        dirs[relative(root, p)] = mode
        await walk(p)
      } else files[relative(root, p)] = mode
    }
  }
  await walk(join(root, 'talos'))
  files.kubeconfig = (await stat(join(root, 'kubeconfig'))).mode & 0o777
  return { files, dirs }
}
