import { promises as fs } from 'node:fs'
import { dirname, join } from 'node:path'
import type { ClusterSettings } from '../../shared/contract/cluster'
import { ensureSecretDir, pathExists, SECRET_FILE_MODE, writeSecretFile } from '../fs-safe'
import type { InstancePaths } from '../paths'
import type { TalosApi } from '../talos/talos-api'
import { parseAllDocuments } from 'yaml'
import { buildNodePatch, expectedBase, patchYaml, type BaseFacts, type PatchNode } from './patch'

export type NodeConfigTalos = Pick<TalosApi, 'patchMachineConfig'>

/** `receiving`: the Talos version of the machine that takes the config (null when unknown). */
export function patchText(n: PatchNode, s: ClusterSettings, receiving: string | null = null, base?: BaseFacts, media: { secureBoot?: boolean } = {}): string {
  return patchYaml(buildNodePatch(n, s, receiving, base, media))
}

export function baseConfig(p: InstancePaths, role: PatchNode['role']): string {
  return role === 'controlplane' ? p.controlplane : p.worker
}

/** What the generated base holds; the version's expectation when it is missing or unreadable. */
export async function readBaseFacts(file: string, talosVersion: string): Promise<BaseFacts> {
  try {
    const docs = parseAllDocuments(await fs.readFile(file, 'utf8')).map((d) => d.toJS() as unknown)
    const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)
    const main = docs.find((d) => isObj(d) && d.kind === undefined)
    const install = isObj(main) && isObj(main.machine) && isObj(main.machine.install) ? main.machine.install : {}
    return {
      hostnameConfig: docs.some((d) => isObj(d) && d.kind === 'HostnameConfig'),
      grubUseUKICmdline: 'grubUseUKICmdline' in install
    }
  } catch {
    return expectedBase(talosVersion)
  }
}

/** The node's patch and final config exist, the patch is what would be written now, and the
 *  final config is newer than both the patch and the base it was merged from. */
export async function nodeConfigReady(
  p: InstancePaths,
  n: PatchNode & { mac: string },
  s: ClusterSettings,
  receiving: string | null = null,
  media: { secureBoot?: boolean } = {}
): Promise<boolean> {
  const patchFile = p.patchFor(n.mac)
  const finalFile = p.finalConfigFor(n.hostname)
  if (!(await pathExists(patchFile)) || !(await pathExists(finalFile))) return false
  let wanted: string
  try {
    wanted = patchText(n, s, receiving, await readBaseFacts(baseConfig(p, n.role), s.talosVersion), media)
  } catch {
    return false
  }
  if ((await fs.readFile(patchFile, 'utf8')) !== wanted) return false
  const [fin, pat, base] = await Promise.all([finalFile, patchFile, baseConfig(p, n.role)].map((f) => fs.stat(f).catch(() => null)))
  return !!fin && !!pat && !!base && fin.mtimeMs >= pat.mtimeMs && fin.mtimeMs >= base.mtimeMs
}

/**
 * Writes talos/patches/<mac>/patch.yaml and merges it into talos/final/<hostname>.yaml with
 * `talosctl machineconfig patch`. talosctl writes 0644, so it writes into a 0700 folder under a
 * temporary name; the file is tightened to 0600 before it is renamed into place.
 */
export async function writeNodeConfig(
  talos: NodeConfigTalos,
  p: InstancePaths,
  n: PatchNode & { mac: string },
  s: ClusterSettings,
  o: { signal?: AbortSignal; receiving?: string | null; secureBoot?: boolean } = {}
): Promise<{ patchFile: string; finalFile: string; yaml: string }> {
  const yaml = patchText(n, s, o.receiving ?? null, await readBaseFacts(baseConfig(p, n.role), s.talosVersion), {
    secureBoot: o.secureBoot
  })
  const patchFile = p.patchFor(n.mac)
  await ensureSecretDir(p.patches)
  await writeSecretFile(patchFile, yaml)
  const finalFile = p.finalConfigFor(n.hostname)
  await ensureSecretDir(dirname(finalFile))
  const tmp = join(dirname(finalFile), `.${n.hostname}.${process.pid}.${Date.now()}.yaml`)
  try {
    await talos.patchMachineConfig({ file: baseConfig(p, n.role), patches: [`@${patchFile}`], output: tmp }, { signal: o.signal })
    await fs.chmod(tmp, SECRET_FILE_MODE)
    await fs.rename(tmp, finalFile)
  } finally {
    await fs.rm(tmp, { force: true })
  }
  return { patchFile, finalFile, yaml }
}
