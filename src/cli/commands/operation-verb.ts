import type { Command } from 'commander'
import { output } from '../output'
import { followStarted } from '../verbs/follow-started'
import type { CliSession } from '../verbs/session'

/**
 * A verb whose answer is an operation it started: "<doing> <target> (<id>)" on stderr, its steps
 * as they change (Ctrl-C cancels it), then its final message on stdout. Under --json the start
 * command's answer ({operationId}) is printed, as a table verb with `follow` prints it.
 */
export async function reportStarted(cmd: Command, s: CliSession, started: { operationId: string }, doing: string): Promise<void> {
  // Its target is the hostname even when the operator named the node by address.
  const final = await followStarted(s, started.operationId, (op) => `${doing} ${op.target} (${op.id})`)
  output(cmd, started, () => final.message)
}
