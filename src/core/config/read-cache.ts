import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { writeFileAtomically } from '../fs-safe'
import type { ConfigFile } from './schema'

/**
 * config.yaml, validated, remembered by its exact text. Reading 250 nodes through yaml's Document
 * API and zod costs more than starting the CLI, and most reads (`wild node list`, each screen
 * refresh) find the file unchanged. The cache maps a hash of the text (plus the schema's
 * fingerprint) to the validated config, so any other text — an edit by hand, another process —
 * misses it and is parsed and validated in full. A damaged cache is a miss, never an error.
 */

/**
 * Changes with ConfigFile (test/unit/config/read-cache.test.ts says the new value): a config
 * validated by an older schema is never served by a newer one.
 */
export const CONFIG_SCHEMA_FINGERPRINT = 'ff08dc7d2eae8631'

const FORMAT = 1

function keyOf(text: string): string {
  return createHash('sha256').update(`${FORMAT}:${CONFIG_SCHEMA_FINGERPRINT}:`).update(text).digest('hex')
}

/** Beside the instances, not in one: an instance folder holds only what the operator keeps. */
export function configCacheFile(dataDir: string, instance: string): string {
  return join(dataDir, 'cache', 'config', `${instance}.json`)
}

export async function readCachedConfig(file: string, text: string): Promise<ConfigFile | null> {
  try {
    const entry = JSON.parse(await fs.readFile(file, 'utf8')) as { key?: unknown; config?: unknown }
    return entry.key === keyOf(text) && entry.config && typeof entry.config === 'object' ? (entry.config as ConfigFile) : null
  } catch {
    return null
  }
}

/** Best effort: a read never fails because the cache could not be written. */
export async function writeCachedConfig(file: string, text: string, config: ConfigFile): Promise<void> {
  const json = JSON.stringify({ key: keyOf(text), config })
  // Values JSON cannot carry (.inf, -0) would come back different: such a config is not cached.
  if (!isDeepStrictEqual((JSON.parse(json) as { config: unknown }).config, config)) return
  await writeFileAtomically(file, json, { mode: 0o600 }).catch(() => {})
}
