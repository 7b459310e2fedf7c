import { z } from 'zod'
import { InstanceName, OperationId } from '../schemas/common'
import { command, type CommandMap, type EventMap } from './types'

export const OperationType = z.enum([
  'discover',
  'setup',
  'download',
  'bootstrap',
  'reset',
  'verify',
  'detect',
  'health',
  'etcd-snapshot',
  'node-reboot',
  'node-shutdown',
  'control-plane-remove',
  'talos-upgrade',
  'kubernetes-upgrade'
])
export type OperationType = z.infer<typeof OperationType>

export const OperationStatus = z.enum(['pending', 'running', 'completed', 'failed', 'cancelled', 'interrupted'])
export type OperationStatus = z.infer<typeof OperationStatus>

export const StepStatus = z.enum(['pending', 'running', 'completed', 'failed', 'cancelled', 'skipped'])

export const OperationStep = z.object({
  name: z.string(),
  status: StepStatus,
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  message: z.string().nullable()
})
export type OperationStep = z.infer<typeof OperationStep>

/** The seed's Operation, plus steps, bytes and rate, a bounded log tail and the failed step. */
export const Operation = z.object({
  id: OperationId,
  type: OperationType,
  target: z.string(),
  instance: InstanceName,
  status: OperationStatus,
  message: z.string(),
  progress: z.number().min(0).max(100),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  steps: z.array(OperationStep),
  currentStep: z.string().nullable(),
  currentStepStartedAt: z.string().nullable(),
  bytesDone: z.number().nonnegative().nullable(),
  bytesTotal: z.number().nonnegative().nullable(),
  bytesPerSecond: z.number().nonnegative().nullable(),
  logTail: z.array(z.string()),
  failedStep: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable()
})
export type Operation = z.infer<typeof Operation>

/**
 * An op file that cannot be read (truncated, hand-edited, another instance's): listed so the
 * operator sees it and cleanup can remove it, instead of vanishing. `id` is the file's name
 * without `.json`; `file` its full path; `reason` what is wrong with it.
 */
export const UnreadableOperation = z.object({
  id: z.string(),
  file: z.string(),
  status: z.literal('unreadable'),
  reason: z.string()
})
export type UnreadableOperation = z.infer<typeof UnreadableOperation>

/** One row of `wild ops list --json`: the readable ops, newest first, then the unreadable files. */
export const OperationListEntry = z.union([Operation, UnreadableOperation])
export type OperationListEntry = z.infer<typeof OperationListEntry>

export const operationCommands = {
  'operations.list': command({
    summary: 'List operations of an instance, newest first',
    input: () => z.object({ instance: InstanceName }).strict(),
    output: () => z.array(Operation)
  }),
  'operations.unreadable': command({
    summary: 'Op files of an instance that cannot be read, with why; cleanup removes them',
    input: () => z.object({ instance: InstanceName }).strict(),
    output: () => z.array(UnreadableOperation)
  }),
  'operations.get': command({
    summary: 'One operation',
    input: () => z.object({ instance: InstanceName, id: OperationId }).strict(),
    output: () => Operation
  }),
  'operations.cancel': command({
    summary: 'Cancel a running operation; its process, socket or download stops',
    input: () => z.object({ instance: InstanceName, id: OperationId }).strict(),
    output: () => Operation
  }),
  'operations.cleanup': command({
    summary: 'Remove unreadable op files and finished operations older than an age or beyond a count',
    input: () =>
      z.object({ instance: InstanceName, olderThanDays: z.number().positive().optional(), keep: z.number().int().nonnegative().optional() }).strict(),
    output: () => z.object({ removed: z.number().int().nonnegative() })
  })
} satisfies CommandMap

export const operationEvents = {
  /** Throttled to at most 4 per second per operation; the final state is always sent. */
  'operation.updated': Operation
} satisfies EventMap
