// The import aliases, for the bundlers and vitest: tsconfig.paths.json says the same to tsc,
// knip and dependency-cruiser (test/unit/foundation/aliases.test.ts keeps the two equal).
import { resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

export const ALIAS_DIRS = {
  '@core': 'src/core',
  '@shared': 'src/shared',
  '@main': 'src/main',
  '@cli': 'src/cli',
  '@lab': 'src/lab',
  '@preload': 'src/preload',
  '@preview': 'src/preview',
  '@renderer': 'src/renderer/src'
}

/** `{ '@core': '/abs/src/core', … }` for vite's resolve.alias. */
export function aliases() {
  return Object.fromEntries(Object.entries(ALIAS_DIRS).map(([name, dir]) => [name, resolve(root, dir)]))
}
