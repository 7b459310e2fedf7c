import { promises as fs } from 'node:fs'
import { InstanceName } from '../../shared/schemas/common'
import { instancesDir } from '../paths'
import type { OperationsService } from './types'

/** Finished ops (and unreadable op files) untouched this long go when a core starts. */
export const STARTUP_CLEANUP_DAYS = 30

/**
 * Start-up housekeeping of every instance's operations folder, by age only: a count would drop
 * history the operator may still want, and a damaged file younger than the age stays listed so
 * it can be looked at. Never throws: housekeeping must not stop the app or a CLI command.
 */
export async function cleanupOperationsAtStart(
  dataDir: string,
  operations: Pick<OperationsService, 'cleanup'>,
  olderThanDays = STARTUP_CLEANUP_DAYS
): Promise<number> {
  let names: string[]
  try {
    const dirents = await fs.readdir(instancesDir(dataDir), { withFileTypes: true })
    names = dirents.filter((d) => d.isDirectory() && InstanceName.safeParse(d.name).success).map((d) => d.name)
  } catch {
    return 0
  }
  let removed = 0
  for (const name of names) {
    try {
      removed += await operations.cleanup(name, { olderThanDays, unreadable: 'older' })
    } catch (e) {
      // The folder may vanish under us (an instance deleted meanwhile); anything else is worth a line.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') console.warn(`operations of instance "${name}": start-up cleanup skipped`, e)
    }
  }
  return removed
}
