import { useMutation, useQuery, useQueryClient, type QueryKey, type UseMutationOptions, type UseQueryOptions } from '@tanstack/react-query'
import type { CommandInput, CommandName, CommandOutput } from '@shared/contract'
import { call, type ClientError } from './client'

/** The query key of a command: [name, input]. A prefix [name] matches every input. */
export function commandKey<K extends CommandName>(name: K, input?: CommandInput<K>): QueryKey {
  return input === undefined ? [name] : [name, input]
}

export type CommandQueryOptions<K extends CommandName, TData = CommandOutput<K>> = Omit<
  UseQueryOptions<CommandOutput<K>, ClientError, TData, QueryKey>,
  'queryKey' | 'queryFn'
>

export function useCommandQuery<K extends CommandName, TData = CommandOutput<K>>(name: K, input: CommandInput<K>, options?: CommandQueryOptions<K, TData>) {
  return useQuery<CommandOutput<K>, ClientError, TData, QueryKey>({
    queryKey: commandKey(name, input),
    queryFn: () => call(name, input),
    ...options
  })
}

export type CommandMutationOptions<K extends CommandName, TContext = unknown> = Omit<
  UseMutationOptions<CommandOutput<K>, ClientError, CommandInput<K>, TContext>,
  'mutationFn' | 'mutationKey'
> & {
  /** Command names whose queries are refetched after success (events usually cover this). */
  invalidates?: readonly CommandName[]
}

export function useCommandMutation<K extends CommandName, TContext = unknown>(name: K, options: CommandMutationOptions<K, TContext> = {}) {
  const qc = useQueryClient()
  const { invalidates, onSuccess, ...rest } = options
  return useMutation<CommandOutput<K>, ClientError, CommandInput<K>, TContext>({
    mutationKey: [name],
    mutationFn: (input) => call(name, input),
    ...rest,
    onSuccess: async (...args) => {
      if (invalidates) await Promise.all(invalidates.map((n) => qc.invalidateQueries({ queryKey: [n] })))
      await onSuccess?.(...args)
    }
  })
}
