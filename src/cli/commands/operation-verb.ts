import type { Command } from 'commander'
import { output } from '../output'
import type { CliSession } from '../verbs/session'

/**
 * Follows an operation a contract command just started: a first line naming it on stderr, its
 * steps as they change (Ctrl-C cancels it), then its final message on stdout. Under --json the
 * start command's answer ({operationId}) is printed, as a table verb with `follow` prints it.
 */
export async function followStarted(cmd: Command, s: CliSession, instance: string, started: { operationId: string }, doing: string): Promise<void> {
  // Its target is the hostname even when the operator named the node by address.
  const op = await s.call('operations.get', { instance, id: started.operationId })
  process.stderr.write(`${doing} ${op.target} (${op.id})\n`)
  const final = await s.follow(instance, op.id)
  output(cmd, started, () => final.message)
}
