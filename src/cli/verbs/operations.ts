import { STARTUP_CLEANUP_DAYS } from '../../core/operations/startup-cleanup'
import { describeOperation, parseAge, wholeNumber } from '../commands/ops'
import { composite, type VerbTable } from './types'

/** `wild ops show|cancel|cleanup`; `ops list` (src/cli/commands/ops.ts) shows two commands' answers in one list. */
export const operationVerbs = {
  'operations.list': composite('ops', 'list'),
  'operations.unreadable': composite('ops', 'list'),
  'operations.get': {
    kind: 'verb',
    path: ['ops', 'show'],
    description: 'Show one operation: steps, progress, error and the last log lines',
    args: ['<id>'],
    input: ({ args }) => ({ id: args[0]! }),
    print: (op) => describeOperation(op)
  },
  'operations.cancel': {
    kind: 'verb',
    path: ['ops', 'cancel'],
    description: 'Cancel a running operation (also one the app is running)',
    args: ['<id>'],
    input: ({ args }) => ({ id: args[0]! }),
    print: (op) =>
      op.status === 'cancelled'
        ? `Cancelled ${op.id}.`
        : op.status === 'running'
          ? `Asked ${op.id} to stop; it is still finishing its current step. Check with: wild ops show ${op.id}`
          : `${op.id} had already ended (${op.status}); nothing to cancel.`
  },
  'operations.cleanup': {
    kind: 'verb',
    path: ['ops', 'cleanup'],
    description:
      `Remove unreadable op files and finished operations older than an age and/or beyond the newest N ` +
      `(default: older than ${STARTUP_CLEANUP_DAYS}d); never a running one`,
    options: [
      { flags: '--older-than <age>', description: 'finished longer ago than this: 7d, 12h, 30m', parse: parseAge },
      { flags: '--keep <n>', description: 'keep only the newest N finished operations', parse: wholeNumber }
    ],
    input: ({ opts }) => ({
      olderThanDays: (opts.olderThan as number | undefined) ?? (opts.keep === undefined ? STARTUP_CLEANUP_DAYS : undefined),
      keep: opts.keep as number | undefined
    }),
    print: ({ removed }, _a, { instance }) =>
      removed === 0 ? 'Nothing to remove.' : `Removed ${removed} operation${removed === 1 ? '' : 's'} from instance "${instance}".`
  }
} satisfies Partial<VerbTable>
