import type { Command } from 'commander'
import { contract, type CommandName, type CommandOutput, type EventName, type EventPayload } from '@shared/contract'
import type { Operation } from '@shared/contract/operations'
import { AppError } from '@shared/errors'
import { dispatch } from '@main/ipc/dispatch'
import { createHandlers } from '@main/handlers'
import { instanceFor } from '../context'
import { followOperation } from '../follow'
import { cliAppContext } from './context'
import type { VerbInput } from './types'

/**
 * What a `wild` command may do: run contract commands through the IPC dispatch (zod in, zod out),
 * follow the operations they start and listen to the contract's events. Commands in
 * src/cli/commands get only this, never the core, so the CLI and the app share one boundary.
 */
export interface CliSession {
  /** Runs one contract command; an input without `instance` gets --instance (or the current instance). */
  call<K extends CommandName>(name: K, input: VerbInput<K>): Promise<CommandOutput<K>>
  /** The instance --instance names, else the current one. */
  instance(): Promise<string>
  /** Follows an operation to its end (steps on stderr; the signal cancels it); throws when it did not complete. */
  follow(instance: string, operationId: string): Promise<Operation>
  /** Calls `listener` for each event `name` until the session closes or the returned function is called. */
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void
  /** Aborted by Ctrl-C. */
  signal: AbortSignal
}

/** True when the contract's input has an `instance` key the session fills in. */
export function takesInstance(name: CommandName): boolean {
  const shape = (contract[name].input as unknown as { shape?: Record<string, unknown> }).shape
  return shape !== undefined && 'instance' in shape
}

/** Opens a session on the core the global flags describe, runs `fn`, then closes the core. */
export async function withSession<T>(cmd: Command, signal: AbortSignal, fn: (s: CliSession) => Promise<T>): Promise<T> {
  const ctx = cliAppContext(cmd)
  const handlers = createHandlers(ctx)
  const offs = new Set<() => void>()
  // Resolved once per run: a verb and the follow it starts ask for it again.
  let instance: Promise<string> | null = null
  const session: CliSession = {
    signal,
    instance: () => (instance ??= instanceFor(cmd, ctx.core)),
    async call(name, input) {
      const full: Record<string, unknown> = { ...input }
      if (full.instance === undefined && takesInstance(name)) full.instance = await session.instance()
      const answer = await dispatch(handlers, name, full, signal)
      if (!answer.ok) throw new AppError(answer.error.code, answer.error.message, answer.error.details)
      return answer.value as CommandOutput<typeof name>
    },
    async follow(instance, operationId) {
      return followOperation(ctx.core, instance, await ctx.core.operations.get(instance, operationId), signal)
    },
    on(name, listener) {
      const off = ctx.events.onAny((n, payload) => {
        if (n === name) listener(payload as EventPayload<typeof name>)
      })
      offs.add(off)
      return () => {
        off()
        offs.delete(off)
      }
    }
  }
  try {
    return await fn(session)
  } finally {
    for (const off of offs) off()
    await ctx.close()
  }
}
