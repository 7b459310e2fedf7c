import { z } from 'zod'
import { InstanceName, InstanceRef, Empty, Ok } from '../schemas/common'
import { command, type CommandMap, type EventMap } from './types'

export const InstanceSummary = z.object({
  name: InstanceName,
  path: z.string(),
  current: z.boolean(),
  demo: z.boolean(),
  clusterName: z.string().nullable(),
  nodeCount: z.number().int().nonnegative(),
  error: z.string().nullable()
})
export type InstanceSummary = z.infer<typeof InstanceSummary>

export const instanceCommands = {
  'instances.list': command({
    summary: 'List the instances in the data folder',
    input: () => Empty,
    output: () => z.array(InstanceSummary)
  }),
  'instances.create': command({
    summary: 'Create an instance folder with a config.yaml',
    input: () => z.object({ name: InstanceName, use: z.boolean().default(true) }).strict(),
    output: () => InstanceSummary
  }),
  'instances.use': command({
    summary: 'Make an instance the current one',
    input: () => InstanceRef,
    output: () => InstanceSummary
  }),
  'instances.delete': command({
    summary: 'Delete an instance after its name is typed to confirm',
    input: () => z.object({ instance: InstanceName, confirm: z.string() }).strict(),
    output: () => Ok
  })
} satisfies CommandMap

export const instanceEvents = {
  'instances.changed': z.object({ current: InstanceName.nullable() })
} satisfies EventMap
