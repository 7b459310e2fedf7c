import { handWritten, type VerbTable } from './types'

/**
 * `wild talos versions` (--factory-url asks another factory; --json prints the version strings)
 * and `wild node detect` (reads the instance from its own flags) are still written by hand.
 */
export const talosVerbs = {
  'talos.versions': handWritten('talos', 'versions'),
  'hardware.detect': handWritten('node', 'detect')
} satisfies Partial<VerbTable>
