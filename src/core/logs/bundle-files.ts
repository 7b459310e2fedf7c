import { promises as fs } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { instancesDir } from '../paths'

/** One file that goes into a diagnostics bundle: its name in the zip and where it is read from. */
export interface BundleFile {
  name: string
  path: string
}

/** Files larger than this are left out: a bundle is for reading, not for boot images. */
const MAX_FILE_BYTES = 2 * 1024 * 1024

/**
 * What of an instance may be sent: its cluster settings, the scan, the operations' records and
 * the network boot server's status. Everything under talos/ (secrets.yaml, talosconfig, machine
 * configs and patches), kubeconfig, etcd snapshots and downloaded images are never listed.
 */
const INSTANCE_ALLOWED = [/^config\.yaml$/, /^discovery\/[^/]+\.json$/, /^operations\/[^/]+\.json$/, /^pxe\/[^/]+\.json$/]
/** A second net: a name that looks like a secret is refused even where the allowlist matched. */
const NEVER = /(^|\/)(secrets?|talos|generated|final|patches|kubeconfig|talosconfig|snapshots?)(\/|\.|$)|\.(db|key|pem|crt|snapshot)$/i

export function instanceFileAllowed(relPath: string): boolean {
  const p = relPath.split(sep).join('/')
  return INSTANCE_ALLOWED.some((r) => r.test(p)) && !NEVER.test(p)
}

async function walk(dir: string, depth = 0): Promise<string[]> {
  if (depth > 3) return []
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => [])
  const out: string[] = []
  for (const e of entries) {
    const full = join(dir, e.name)
    if (e.isDirectory()) out.push(...(await walk(full, depth + 1)))
    else if (e.isFile()) out.push(full)
  }
  return out
}

async function small(path: string): Promise<boolean> {
  const st = await fs.stat(path).catch(() => null)
  return Boolean(st && st.size <= MAX_FILE_BYTES)
}

/** Log files (current and rotated) of the logs folder. */
export async function logFiles(logs: string): Promise<BundleFile[]> {
  const names = (await fs.readdir(logs).catch(() => [] as string[])).filter((n) => n.endsWith('.log')).sort()
  return names.map((n) => ({ name: `logs/${n}`, path: join(logs, n) }))
}

/** The allowed files of every instance in the data folder. */
export async function instanceFiles(dataDir: string): Promise<BundleFile[]> {
  const root = instancesDir(dataDir)
  const files: BundleFile[] = []
  for (const full of await walk(root)) {
    const rel = relative(root, full).split(sep)
    const [instance, ...rest] = rel
    if (!instance || !rest.length || !instanceFileAllowed(rest.join('/'))) continue
    if (await small(full)) files.push({ name: `instances/${rel.join('/')}`, path: full })
  }
  return files.sort((a, b) => a.name.localeCompare(b.name))
}
