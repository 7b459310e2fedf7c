import { readFile } from 'node:fs/promises'
import lockfile from 'proper-lockfile'
import writeFileAtomic from 'write-file-atomic'
import { LAB_FILE_ENV, LabFile, type LabFileInput } from './model'
import { parseLabText } from './parse-cache'
import { settleMachine } from './stage'

/**
 * The lab file is shared by many fake talosctl processes at once (discovery identifies many
 * machines in parallel). Readers take no lock: writes replace the file by rename, so a reader
 * sees the old or the new content, never half. Writers serialise on a lock directory.
 */

export function labFileFromEnv(env: Record<string, string | undefined>): string | undefined {
  const file = env[LAB_FILE_ENV]
  return file && file.length > 0 ? file : undefined
}

/** A missing lab file reads as an empty lab: every address is then absent. */
export async function readLab(file: string | undefined): Promise<LabFile> {
  if (!file) return LabFile.parse({})
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return LabFile.parse({})
    throw e
  }
  return parseLabText(file, text)
}

export async function writeLab(file: string, lab: LabFileInput): Promise<void> {
  const valid = LabFile.parse(lab)
  await writeFileAtomic(file, JSON.stringify(valid, null, 2) + '\n', { mode: 0o644 })
}

const LOCK_OPTIONS = {
  realpath: false,
  stale: 10_000,
  retries: { retries: 400, factor: 1.3, minTimeout: 3, maxTimeout: 40, randomize: true }
}

/**
 * Read-modify-write under the cross-process lock. Finished transitions are settled first, so
 * `change` sees machines as they are now. Whatever `change` returns is passed back.
 */
export async function updateLab<T>(file: string, change: (lab: LabFile, now: number) => T | Promise<T>): Promise<T> {
  const release = await lockfile.lock(file, LOCK_OPTIONS)
  try {
    const lab = await readLab(file)
    const now = Date.now()
    lab.machines = lab.machines.map((m) => settleMachine(m, now, lab.timing))
    const result = await change(lab, now)
    await writeLab(file, lab)
    return result
  } finally {
    await release()
  }
}
