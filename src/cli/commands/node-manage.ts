import type { Command } from 'commander'
import { action } from '../output'
import { withSession } from '../verbs/session'
import { reportStarted } from './operation-verb'

/** `wild node setup`: starts nodes.setup and follows its operation here; add, list, show, update and delete are verbs (src/cli/verbs/nodes.ts). */
export function registerNodeManageCommands(node: Command): void {
  node
    .command('setup <hostname>')
    .description('Configure, apply and wait for a node; steps on stderr, Ctrl-C cancels; run again to resume')
    .action(
      action(async (signal, hostname: string, _o: unknown, cmd: Command) =>
        withSession(cmd, signal, async (s) => {
          const instance = await s.instance()
          // The job runs in this process: the command waits for it, and Ctrl-C cancels it.
          await reportStarted(cmd, s, await s.call('nodes.setup', { instance, hostname }), 'Setting up')
        })
      )
    )
}
