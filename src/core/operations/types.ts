import type { Operation, OperationType, UnreadableOperation } from '../../shared/contract/operations'
import type { CleanupOptions } from './cleanup'

/**
 * What a long job sees. Persistence, throttled events and cancel live in the registry; a job
 * only touches these members.
 */
export interface OperationHandle {
  readonly id: string
  /** Aborted when the operator cancels; pass it to every talosctl call, request and wait. */
  readonly signal: AbortSignal
  /**
   * Runs a named step: records start, end and outcome; a throw marks the step (and op) failed.
   * `since` backdates its start when it continues a wait an earlier run began (its real elapsed time).
   */
  step<T>(name: string, fn: () => Promise<T>, options?: { since?: string }): Promise<T>
  /** Marks a named step as skipped (already done on an earlier run). */
  skip(name: string, reason?: string): void
  /** 0–100 overall. */
  progress(percent: number): void
  /** One-line status for the operator ("Waiting for 192.168.1.50 to answer…"). */
  message(text: string): void
  /** Appends to the bounded log tail (and the op's log). */
  log(line: string): void
  /** Byte counters for downloads; rate is computed by the registry. */
  bytes(done: number, total: number | null): void
}

export interface StartOptions {
  type: OperationType
  instance: string
  target: string
  /** The planned step names, shown as pending before they run. */
  steps?: string[]
}

export type Job<T> = (op: OperationHandle) => Promise<T>

export interface OperationsService {
  /** Starts the job in the background; resolves at once with the op as first persisted. */
  start<T>(options: StartOptions, job: Job<T>): Promise<Operation>
  /** Resolves with the final op (completed, failed or cancelled). Throws NOT_FOUND for unknown ids. */
  wait(instance: string, id: string): Promise<Operation>
  get(instance: string, id: string): Promise<Operation>
  list(instance: string): Promise<Operation[]>
  /** Op files that cannot be read, with why; list() leaves them out, cleanup removes them. */
  unreadable(instance: string): Promise<UnreadableOperation[]>
  cancel(instance: string, id: string): Promise<Operation>
  /** Removes what CleanupOptions selects; never a pending or running op. Answers how many. */
  cleanup(instance: string, options: CleanupOptions): Promise<number>
  /** At start-up: ops a crash left pending/running become `interrupted`. */
  recoverInterrupted(instance: string): Promise<number>
  /** Aborts every running job (app quit). */
  close(): Promise<void>
}
