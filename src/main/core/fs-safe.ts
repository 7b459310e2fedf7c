import { promises as fs } from 'node:fs'
import { dirname } from 'node:path'
import writeFileAtomic from 'write-file-atomic'

/** Folders that hold keys are 0700; files that hold keys are 0600. */
export const SECRET_DIR_MODE = 0o700
export const SECRET_FILE_MODE = 0o600

export async function ensureDir(path: string, mode = 0o755): Promise<void> {
  await fs.mkdir(path, { recursive: true, mode })
}

export async function ensureSecretDir(path: string): Promise<void> {
  await fs.mkdir(path, { recursive: true, mode: SECRET_DIR_MODE })
  await fs.chmod(path, SECRET_DIR_MODE)
}

/** Temp file in the same folder, fsync, rename: a reader sees the old file or the new one. */
export async function writeFileAtomically(
  path: string,
  data: string | Buffer,
  options: { mode?: number } = {}
): Promise<void> {
  await fs.mkdir(dirname(path), { recursive: true })
  await writeFileAtomic(path, data, { mode: options.mode ?? 0o644, fsync: true })
}

export async function writeSecretFile(path: string, data: string | Buffer): Promise<void> {
  await ensureSecretDir(dirname(path))
  await writeFileAtomically(path, data, { mode: SECRET_FILE_MODE })
  await fs.chmod(path, SECRET_FILE_MODE)
}

export async function writeJsonAtomically(path: string, value: unknown, mode?: number): Promise<void> {
  await writeFileAtomically(path, JSON.stringify(value, null, 2) + '\n', { mode })
}

export async function pathExists(path: string): Promise<boolean> {
  try {
    await fs.access(path)
    return true
  } catch {
    return false
  }
}

export async function readJsonFile(path: string): Promise<unknown | undefined> {
  try {
    return JSON.parse(await fs.readFile(path, 'utf8'))
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw e
  }
}
