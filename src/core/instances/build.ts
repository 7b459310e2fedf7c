import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../shared/errors'
import { ownerTag, tagLiveness } from '../config/lock-owner'
import { DATA_DIR_HINT, ensureDir, writeFileAtomically } from '../fs-safe'
import { instancePaths, instancesDir, type InstancePaths } from '../paths'

/*
 * An instance folder appears whole or not at all: it is built under a temporary name in
 * instances/ (".creating-…", never a valid instance name, so never listed) and renamed into
 * place. A process killed while building leaves only the temporary folder, which records its
 * owner and is removed once that owner is gone.
 */

const TEMP_PREFIX = '.creating-'
// Delete renames the folder away first, so a killed delete never leaves half an instance.
const GRAVE_PREFIX = '.deleting-'
// A temporary folder whose owner cannot be judged (another machine) is kept this long.
const UNKNOWN_OWNER_GRACE_MS = 60 * 60_000

/** ".creating-<name>.<owner tag>.<random>": the owner is known from the instant it exists. */
export function tempFolderName(name: string, tag = ownerTag(), prefix = TEMP_PREFIX): string {
  return `${prefix}${name}.${tag}.${randomBytes(4).toString('hex')}`
}

function conflict(name: string): AppError {
  return new AppError('CONFLICT', `An instance named "${name}" already exists. Pick another name, or delete it first.`)
}

async function exists(path: string): Promise<boolean> {
  return fs.lstat(path).then(
    () => true,
    () => false
  )
}

/** The data folder must be a folder: said plainly, not as ENOTDIR from somewhere inside. */
export async function checkDataDir(dataDir: string): Promise<void> {
  for (const dir of [dataDir, instancesDir(dataDir)]) {
    const st = await fs.stat(dir).catch(() => null)
    if (st && !st.isDirectory()) {
      throw new AppError(
        'IO',
        dir === dataDir
          ? `The data folder ${dataDir} is a file, not a folder. ${DATA_DIR_HINT}`
          : `${dir} is a file, not a folder; the data folder ${dataDir} is not usable until it is moved aside. ${DATA_DIR_HINT}`
      )
    }
  }
}

/** Removes the temporary folders of creates and deletes whose process is gone. Best effort. */
export async function sweepCreating(dataDir: string): Promise<void> {
  const dir = instancesDir(dataDir)
  const names = await fs.readdir(dir).catch(() => [] as string[])
  for (const name of names.filter((n) => n.startsWith(TEMP_PREFIX) || n.startsWith(GRAVE_PREFIX))) {
    const temp = join(dir, name)
    const tag = /\.([0-9a-f]{8}\.\d+\.(?:\d+|x))\.[0-9a-f]+$/.exec(name)?.[1] ?? ''
    const state = tagLiveness(tag)
    const age = await fs.stat(temp).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0
    )
    if (state === 'dead' || (state === 'unknown' && age > UNKNOWN_OWNER_GRACE_MS)) {
      await fs.rm(temp, { recursive: true, force: true }).catch(() => {})
    }
  }
}

/**
 * A folder without config.yaml (a create killed by an older version, or a config.yaml the
 * operator removed): the config is written into it, keeping everything else (keys!). Linked
 * into place, so a config.yaml that appeared meanwhile is never replaced.
 */
async function repair(name: string, p: InstancePaths, configYaml: string): Promise<void> {
  const tmp = join(p.root, `.config.yaml.${randomBytes(6).toString('hex')}`)
  try {
    await writeFileAtomically(tmp, configYaml)
    await fs.link(tmp, p.config)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw conflict(name)
    throw e
  } finally {
    await fs.rm(tmp, { force: true })
  }
}

/** Makes <data>/instances/<name> with its config.yaml, atomically; CONFLICT if it exists. */
export async function buildInstanceFolder(dataDir: string, name: string, configYaml: string): Promise<void> {
  await checkDataDir(dataDir)
  const p = instancePaths(dataDir, name)
  await ensureDir(instancesDir(dataDir))
  await sweepCreating(dataDir)
  if (await exists(p.root)) {
    const st = await fs.stat(p.root).catch(() => null)
    if (!st?.isDirectory() || (await exists(p.config))) throw conflict(name)
    return repair(name, p, configYaml)
  }
  const temp = join(instancesDir(dataDir), tempFolderName(name))
  await fs.mkdir(temp, { mode: 0o755 })
  try {
    await writeFileAtomically(join(temp, 'config.yaml'), configYaml)
    try {
      // Fails when a folder with entries is there (a concurrent create won); an empty folder
      // (an older version's create killed right after mkdir) is replaced, which repairs it.
      await fs.rename(temp, p.root)
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EPERM') throw conflict(name)
      throw e
    }
  } finally {
    await fs.rm(temp, { recursive: true, force: true }).catch(() => {})
  }
}

/** Deletes an instance folder: renamed out of the instances' names first, then removed. */
export async function removeInstanceFolder(dataDir: string, name: string): Promise<void> {
  const grave = join(instancesDir(dataDir), tempFolderName(name, ownerTag(), GRAVE_PREFIX))
  try {
    await fs.rename(instancePaths(dataDir, name).root, grave)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('NOT_FOUND', `There is no instance named "${name}".`)
    throw e
  }
  await fs.rm(grave, { recursive: true, force: true })
}
