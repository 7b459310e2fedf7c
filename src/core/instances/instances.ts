import { promises as fs } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { AppError } from '../../shared/errors'
import { InstanceName } from '../../shared/schemas/common'
import type { InstanceSummary } from '../../shared/contract/instances'
import type { EventBus } from '../event-bus'
import { pathExists, writeFileAtomically } from '../fs-safe'
import { currentContextFile, instancePaths, instancesDir } from '../paths'
import { buildInstanceFolder, checkDataDir, removeInstanceFolder, sweepCreating } from './build'
import { initialConfigYaml } from './template'

export interface InstancesDeps {
  dataDir: string
  events: EventBus
}

export type InstanceService = ReturnType<typeof createInstanceService>

/** Why a config.yaml cannot be summarized, in the operator's words. */
function unreadable(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'config.yaml is missing'
  if (code === 'EISDIR') return 'config.yaml is a folder, not a file: move it aside and restore the file'
  if (/alias/i.test((e as Error).message)) return 'config.yaml uses too many YAML aliases (an alias bomb?): fix it by hand'
  return `config.yaml cannot be read: ${(e as Error).message.split('\n')[0]}`
}

export function createInstanceService({ dataDir, events }: InstancesDeps) {
  function checkName(name: string): string {
    const parsed = InstanceName.safeParse(name)
    if (!parsed.success) throw new AppError('VALIDATION', `Invalid instance name "${name}": ${parsed.error.issues[0]?.message}`)
    return parsed.data
  }

  async function current(): Promise<string | null> {
    try {
      const name = (await fs.readFile(currentContextFile(dataDir), 'utf8')).trim()
      if (!InstanceName.safeParse(name).success) return null
      return (await pathExists(instancePaths(dataDir, name).root)) ? name : null
    } catch {
      return null
    }
  }

  async function summarize(name: string, currentName: string | null): Promise<InstanceSummary> {
    const p = instancePaths(dataDir, name)
    let clusterName: string | null = null
    let nodeCount = 0
    let error: string | null = null
    try {
      const doc = parseYaml(await fs.readFile(p.config, 'utf8')) as {
        cluster?: { name?: unknown; nodes?: { active?: Record<string, unknown> } }
      } | null
      clusterName = typeof doc?.cluster?.name === 'string' && doc.cluster.name ? doc.cluster.name : null
      const active = doc?.cluster?.nodes?.active
      nodeCount = active && typeof active === 'object' ? Object.keys(active).length : 0
    } catch (e) {
      error = unreadable(e)
    }
    return {
      name,
      path: p.root,
      current: name === currentName,
      demo: await pathExists(p.demoMarker),
      clusterName,
      nodeCount,
      error
    }
  }

  async function list(): Promise<InstanceSummary[]> {
    await checkDataDir(dataDir)
    await sweepCreating(dataDir)
    let entries: string[] = []
    try {
      const dirents = await fs.readdir(instancesDir(dataDir), { withFileTypes: true })
      entries = dirents.filter((d) => d.isDirectory() && InstanceName.safeParse(d.name).success).map((d) => d.name)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
    }
    const cur = await current()
    return Promise.all(entries.sort().map((n) => summarize(n, cur)))
  }

  async function get(name: string): Promise<InstanceSummary> {
    checkName(name)
    await checkDataDir(dataDir)
    if (!(await pathExists(instancePaths(dataDir, name).root))) {
      throw new AppError('NOT_FOUND', `There is no instance named "${name}". Create it first.`)
    }
    return summarize(name, await current())
  }

  async function use(name: string): Promise<InstanceSummary> {
    await get(name)
    await writeFileAtomically(currentContextFile(dataDir), name + '\n')
    events.emit('instances.changed', { current: name })
    return get(name)
  }

  async function create(name: string, options: { use?: boolean; configYaml?: string } = {}): Promise<InstanceSummary> {
    checkName(name)
    await buildInstanceFolder(dataDir, name, options.configYaml ?? initialConfigYaml(name))
    if (options.use ?? true) return use(name)
    events.emit('instances.changed', { current: await current() })
    return get(name)
  }

  async function remove(name: string, confirm: string): Promise<void> {
    checkName(name)
    if (confirm !== name) {
      throw new AppError('VALIDATION', `Type the instance name "${name}" exactly to confirm deleting it.`)
    }
    const p = instancePaths(dataDir, name)
    if (!(await pathExists(p.root))) throw new AppError('NOT_FOUND', `There is no instance named "${name}".`)
    const wasCurrent = (await current()) === name
    await removeInstanceFolder(dataDir, name)
    if (wasCurrent) await fs.rm(currentContextFile(dataDir), { force: true })
    events.emit('instances.changed', { current: await current() })
  }

  /** Resolves which instance a command means: the one named, else the current one. */
  async function resolve(name?: string | null): Promise<string> {
    if (name) return (await get(name)).name
    await checkDataDir(dataDir)
    const cur = await current()
    if (!cur) throw new AppError('NOT_FOUND', 'No instance is selected. Create one or pick one first.')
    return cur
  }

  return { list, get, use, create, remove, current, resolve, paths: (name: string) => instancePaths(dataDir, name) }
}
