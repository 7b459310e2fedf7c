import type { Operation } from '@shared/contract/operations'
import type { CliSession } from './session'

/**
 * Follows an operation a contract command just started, after one stderr line naming it
 * (`intro` gets the operation as `operations.get` answers: its target, its id). Resolves with the
 * completed operation; throws its error otherwise. For the hand-written verbs that say what they
 * started before its steps scroll by (bootstrap, etcd snapshot, upgrades).
 */
export async function followStarted(s: CliSession, operationId: string, intro: (op: Operation) => string): Promise<Operation> {
  const op = await s.call('operations.get', { id: operationId })
  process.stderr.write(intro(op) + '\n')
  return s.follow(await s.instance(), op.id)
}
