import { composite, type VerbTable } from './types'

/**
 * `wild talos versions` and `wild node detect` run through a session (src/cli/commands/talos.ts,
 * node-detect.ts): --json of versions is the version strings, and detect reads --instance itself
 * (none on a fresh data folder: the contract takes a null instance).
 */
export const talosVerbs = {
  'talos.versions': composite('talos', 'versions'),
  'hardware.detect': composite('node', 'detect')
} satisfies Partial<VerbTable>
