import { basename, resolve } from 'node:path'
import type { Command } from 'commander'
import type { ShellFiles } from '@main/app-context'

/**
 * wild's answer to the app's native file dialogs, so a handler that asks where to save runs the
 * same here: the operator typed the answer as the verb's --output (else the dialog's suggested
 * name, in the current folder). Opening a folder in a file manager is the desktop app's only.
 */
export function cliFiles(cmd: Command, appOnly: (what: string) => never): ShellFiles {
  return {
    openPath: async () => appOnly('Opening a folder'),
    pickSaveFile: async ({ defaultPath }) => resolve(cmd.opts<{ output?: string }>().output ?? basename(defaultPath))
  }
}
