import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { parse, stringify } from 'yaml'

/** The talosconfig file as talosctl reads and writes it (keys in talosctl's order, 4-space YAML). */

export interface TalosContext {
  endpoints: string[]
  nodes?: string[]
  ca?: string
  crt?: string
  key?: string
}
export interface Talosconfig {
  context: string
  contexts: Record<string, TalosContext>
}

/** `--talosconfig`, then `$TALOSCONFIG`, then `~/.talos/config`. */
export function talosconfigPath(flag: string, env: Record<string, string | undefined>, home: string, cwd: string): string {
  const chosen = flag || env.TALOSCONFIG || join(home, '.talos', 'config')
  return resolve(cwd, chosen)
}

export function renderTalosconfig(cfg: Talosconfig): string {
  const contexts: Record<string, Record<string, unknown>> = {}
  for (const [name, c] of Object.entries(cfg.contexts)) {
    const out: Record<string, unknown> = { endpoints: c.endpoints ?? [] }
    if (c.nodes?.length) out.nodes = c.nodes
    if (c.ca) out.ca = c.ca
    if (c.crt) out.crt = c.crt
    if (c.key) out.key = c.key
    contexts[name] = out
  }
  return stringify({ context: cfg.context, contexts }, { indent: 4 })
}

export function parseTalosconfig(text: string): Talosconfig {
  const raw = (parse(text) ?? {}) as { context?: unknown; contexts?: Record<string, Partial<TalosContext>> }
  const contexts: Record<string, TalosContext> = {}
  for (const [name, c] of Object.entries(raw.contexts ?? {})) {
    contexts[name] = { ...c, endpoints: Array.isArray(c?.endpoints) ? c.endpoints.map(String) : [] }
    if (Array.isArray(c?.nodes)) contexts[name]!.nodes = c.nodes.map(String)
  }
  return { context: typeof raw.context === 'string' ? raw.context : '', contexts }
}

/** Like talosctl, a missing file is first created empty (0600 in a 0700 folder). */
export async function openTalosconfig(path: string): Promise<Talosconfig> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
    const empty: Talosconfig = { context: '', contexts: {} }
    await saveTalosconfig(path, empty)
    return empty
  }
  return parseTalosconfig(text)
}

export async function saveTalosconfig(path: string, cfg: Talosconfig): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 })
  await writeFile(path, renderTalosconfig(cfg), { mode: 0o600 })
  await chmod(path, 0o600)
}

/** The context a command uses: `--context`, else the file's current one. */
export function currentContext(cfg: Talosconfig, override: string): { name: string; context?: TalosContext } {
  const name = override || cfg.context
  return { name, context: cfg.contexts[name] }
}
