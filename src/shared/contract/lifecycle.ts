import { z } from 'zod'
import { InstanceName, OperationId } from '../schemas/common'
import { command, type CommandMap, type EventMap } from './types'

/** The way out of "no workload can run yet" that stays on the machines the cluster has. */
export const lifecycleCommands = {
  'cluster.allowWorkloads': command({
    summary:
      'Allow workloads on the control planes: sets cluster.allowSchedulingOnControlPlanes and re-applies each ready control plane in place (one setup operation each)',
    input: () => z.object({ instance: InstanceName }).strict(),
    output: () => z.object({ operationIds: z.array(OperationId) })
  })
} satisfies CommandMap

export const lifecycleEvents = {} satisfies EventMap
