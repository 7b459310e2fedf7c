import { promises as fs } from 'node:fs'
import { dirname } from 'node:path'
import { AppError } from '../shared/errors'

/** Folders that hold keys are 0700; files that hold keys are 0600. */
export const SECRET_DIR_MODE = 0o700
export const SECRET_FILE_MODE = 0o600

/** The next step for any folder the core cannot make: all of them live in the data folder. */
export const DATA_DIR_HINT = "Choose another data folder (wild --data-dir DIR, WILD_CENTRAL_DATA, or the app's Settings)."

async function isDirectory(path: string): Promise<boolean> {
  return fs.stat(path).then(
    (s) => s.isDirectory(),
    () => false
  )
}

/** The nearest existing ancestor of `path` that is not a folder, if any. */
async function fileOnTheWay(path: string): Promise<string | null> {
  for (let p = path; dirname(p) !== p; p = dirname(p)) {
    const st = await fs.stat(p).catch(() => null)
    if (st) return st.isDirectory() ? null : p
  }
  return null
}

async function cannotCreate(path: string, e: NodeJS.ErrnoException): Promise<AppError> {
  const file = e.code === 'ENOTDIR' || e.code === 'EEXIST' ? await fileOnTheWay(path) : null
  const why = file
    ? `${file} is a file, not a folder`
    : e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EROFS'
      ? `permission denied (${e.code}); check the owner and mode of the folder above it`
      : `this file system does not allow new folders there (${e.code})`
  return new AppError('IO', `Cannot create the folder ${path}: ${why}. ${DATA_DIR_HINT}`)
}

/**
 * mkdir -p without Node's recursive mkdir, which loops forever where mkdir answers ENOENT
 * although the parent exists (/proc): each level is made once, and a failure is said.
 */
async function makeDirs(path: string, mode: number): Promise<void> {
  try {
    await fs.mkdir(path, { mode })
    return
  } catch (e) {
    const err = e as NodeJS.ErrnoException
    if (err.code === 'EEXIST' && (await isDirectory(path))) return
    if (err.code !== 'ENOENT' || dirname(path) === path) {
      if (err.code === 'ENOSPC') throw err
      throw await cannotCreate(path, err)
    }
  }
  await makeDirs(dirname(path), mode)
  try {
    await fs.mkdir(path, { mode })
  } catch (e) {
    const err = e as NodeJS.ErrnoException
    if (err.code === 'EEXIST' && (await isDirectory(path))) return
    if (err.code === 'ENOSPC') throw err
    throw await cannotCreate(path, err)
  }
}

export async function ensureDir(path: string, mode = 0o755): Promise<void> {
  await makeDirs(path, mode)
}

export async function ensureSecretDir(path: string): Promise<void> {
  await makeDirs(path, SECRET_DIR_MODE)
  await fs.chmod(path, SECRET_DIR_MODE)
}

/** Temp file in the same folder, fsync, rename: a reader sees the old file or the new one. */
export async function writeFileAtomically(path: string, data: string | Buffer, options: { mode?: number } = {}): Promise<void> {
  await makeDirs(dirname(path), 0o755)
  const { default: writeFileAtomic } = await import('write-file-atomic')
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
