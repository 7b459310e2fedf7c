import { createWriteStream, promises as fs } from 'node:fs'
import { arch, platform, release } from 'node:os'
import { dirname } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { Settings } from '../../shared/contract/app'
import { AppError } from '../../shared/errors'
import { SECRET_FILE_MODE } from '../fs-safe'
import { instanceFiles, logFiles } from './bundle-files'
import { logsDir } from './paths'
import { redactText } from './redact'

export interface BundleVersions {
  app: string
  /** `talosctl version --client`, or why it could not be read. */
  talosctl: string
  node?: string
  electron?: string
}

export interface BundleInput {
  /** Where the zip is written (the operator chose it). */
  file: string
  /** The settings' data folder: logs/ is there. */
  settingsDataDir: string
  /** The folder whose instances are described (the demo lab's while in demo mode). */
  instancesDataDir: string
  settings: Settings
  versions: BundleVersions
  now?: Date
}

export interface BundleResult {
  file: string
  entries: string[]
}

/** A proxy URL may carry a user and password: only the host is kept. */
function withoutCredentials(s: Settings): Settings {
  if (!s.proxy) return s
  try {
    const u = new URL(s.proxy)
    u.username = ''
    u.password = ''
    return { ...s, proxy: u.toString() }
  } catch {
    return { ...s, proxy: '[redacted]' }
  }
}

/**
 * A zip an operator can attach to a report: the logs, the versions, the settings and each
 * instance's non-secret files. Every text passes the redaction again on the way in, so a secret
 * that reached a file some other way still does not leave the machine.
 */
export async function writeDiagnosticsBundle(i: BundleInput): Promise<BundleResult> {
  const { default: yazl } = await import('yazl')
  const zip = new yazl.ZipFile()
  const mtime = i.now ?? new Date()
  const entries: string[] = []
  const add = (name: string, text: string) => {
    zip.addBuffer(Buffer.from(redactText(text)), name, { mtime, mode: 0o100600 })
    entries.push(name)
  }
  const versions = { ...i.versions, node: i.versions.node ?? process.versions.node, os: `${platform()} ${release()} ${arch()}` }
  add('versions.json', JSON.stringify(versions, null, 2) + '\n')
  add('settings.json', JSON.stringify(withoutCredentials(i.settings), null, 2) + '\n')
  for (const f of [...(await logFiles(logsDir(i.settingsDataDir))), ...(await instanceFiles(i.instancesDataDir))]) {
    const text = await fs.readFile(f.path, 'utf8').catch(() => null)
    if (text !== null) add(f.name, text)
  }
  zip.end()
  try {
    await fs.mkdir(dirname(i.file), { recursive: true })
    await pipeline(zip.outputStream, createWriteStream(i.file, { mode: SECRET_FILE_MODE }))
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error'
    throw new AppError('IO', `Cannot write the diagnostics bundle to ${i.file} (${code}). Choose another folder and save again.`)
  }
  return { file: i.file, entries }
}

/** `talosctl version --client` for the bundle; a bundle is most wanted when talosctl is broken. */
export async function talosctlVersionForBundle(clientVersion: (o: { signal?: AbortSignal }) => Promise<string>, signal?: AbortSignal): Promise<string> {
  try {
    return await clientVersion({ signal })
  } catch (e) {
    return `unavailable: ${e instanceof Error ? e.message : String(e)}`
  }
}

/** A file name that sorts by date and says what it is: wild-central-diagnostics-2026-12-06-2210.zip. */
export function bundleFileName(now = new Date()): string {
  const t = now.toISOString().slice(0, 16).replace('T', '-').replace(':', '')
  return `wild-central-diagnostics-${t}.zip`
}
