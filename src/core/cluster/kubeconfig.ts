import { constants, promises as fs } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { parse, stringify } from 'yaml'
import type { KubeconfigMergeResult } from '../../shared/contract/cluster'
import { AppError } from '../../shared/errors'
import { ensureSecretDir, SECRET_DIR_MODE, SECRET_FILE_MODE, writeFileAtomically } from '../fs-safe'
import type { InstancePaths } from '../paths'
import type { TalosApi } from '../talos/talos-api'
import { backupName, mergeKubeconfigs, parseKubeconfig } from './kubeconfig-merge'

/** The operator's kubeconfig: the first $KUBECONFIG entry, else ~/.kube/config (as kubectl). */
export function defaultKubeconfigTarget(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const first = (env.KUBECONFIG ?? '').split(process.platform === 'win32' ? ';' : ':').find((s) => s.trim())
  return first ? first.trim() : join(home, '.kube', 'config')
}

/**
 * Fetches the admin kubeconfig into <instance>/kubeconfig. talosctl writes it 0600 when not
 * merging; it is fetched under a temporary name in the (0700) instance folder and renamed, so a
 * half-written file never replaces a good one.
 */
export async function fetchKubeconfig(talos: Pick<TalosApi, 'kubeconfig'>, p: InstancePaths, node: string, o: { signal?: AbortSignal } = {}): Promise<string> {
  await ensureSecretDir(p.root)
  const tmp = join(p.root, `.kubeconfig.${process.pid}.${Date.now()}`)
  try {
    await talos.kubeconfig({ target: { node, talosconfig: p.talosconfig }, output: tmp, force: true }, { signal: o.signal })
    await fs.chmod(tmp, SECRET_FILE_MODE)
    parseKubeconfig(parse(await fs.readFile(tmp, 'utf8')), 'The kubeconfig talosctl wrote')
    await fs.rename(tmp, p.kubeconfig)
  } finally {
    await fs.rm(tmp, { force: true })
  }
  return p.kubeconfig
}

export async function readKubeconfig(p: InstancePaths): Promise<{ path: string; content: string }> {
  try {
    return { path: p.kubeconfig, content: await fs.readFile(p.kubeconfig, 'utf8') }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AppError('NOT_FOUND', 'This instance has no kubeconfig yet. Bootstrap the cluster first (wild cluster bootstrap).')
    }
    throw e
  }
}

async function backup(target: string, now: Date): Promise<string> {
  const base = backupName(target, now)
  for (let i = 0; i < 100; i++) {
    const name = i === 0 ? base : `${base}-${i}`
    try {
      await fs.copyFile(target, name, constants.COPYFILE_EXCL)
      await fs.chmod(name, SECRET_FILE_MODE)
      return name
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    }
  }
  throw new AppError('IO', `Could not find a free name to back up ${target}; clean up old backups next to it.`)
}

/**
 * Merges the instance's kubeconfig into `target` — only ever on an explicit request. The old
 * file is copied aside first (0600); the result is written atomically, 0600. A target that is not
 * a kubeconfig is refused and left as it is.
 */
export async function mergeKubeconfigInto(p: InstancePaths, target: string, o: { setCurrentContext: boolean; now?: Date }): Promise<KubeconfigMergeResult> {
  const incoming = parseKubeconfig(parse((await readKubeconfig(p)).content), "The instance's kubeconfig")
  let existingText: string | null = null
  try {
    existingText = await fs.readFile(target, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
  }
  let existing = null
  if (existingText !== null) {
    let raw: unknown
    try {
      raw = parse(existingText)
    } catch (e) {
      throw new AppError('CONFIG_INVALID', `${target} is not valid YAML (${(e as Error).message.split('\n')[0]}). It was left untouched.`)
    }
    existing = parseKubeconfig(raw, target)
  }
  const { merged, context } = mergeKubeconfigs(existing, incoming, { setCurrentContext: o.setCurrentContext })
  const backupFile = existingText !== null ? await backup(target, o.now ?? new Date()) : null
  // Create ~/.kube private when it is missing; an existing folder keeps the mode its owner chose.
  await fs.mkdir(dirname(target), { recursive: true, mode: SECRET_DIR_MODE })
  await writeFileAtomically(target, stringify(merged), { mode: SECRET_FILE_MODE })
  await fs.chmod(target, SECRET_FILE_MODE)
  return { target, backup: backupFile, context }
}
