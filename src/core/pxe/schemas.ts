import { z } from 'zod'
import { BootEvent } from '../../shared/contract/pxe'

export { BootEvent, BootStage } from '../../shared/contract/pxe'

export const SeenClient = BootEvent.omit({ event: true }).extend({
  /** Which script it was last given: the installer, or "boot from local disk" (an installed node). */
  script: z.enum(['installer', 'local-disk']).nullable(),
  lastSeenAt: z.string()
})
export type SeenClient = z.infer<typeof SeenClient>

/** <instance>/netboot/status.json, rewritten atomically by the serving process. */
export const ServerStatus = z.object({
  schemaVersion: z.literal(1),
  pid: z.number().int().positive(),
  startedAt: z.string(),
  updatedAt: z.string(),
  /** Set by a clean stop; a crashed server leaves null and a dead pid. */
  stoppedAt: z.string().nullable(),
  interface: z.string(),
  address: z.string(),
  httpPort: z.number().int(),
  mode: z.enum(['proxy', 'full']),
  version: z.string(),
  schematicId: z.string(),
  archs: z.array(z.string()),
  clients: z.array(SeenClient)
})
export type ServerStatus = z.infer<typeof ServerStatus>

/** What `wild pxe status` reports. */
export const PxeStatusView = z.object({
  running: z.boolean(),
  instance: z.string(),
  server: ServerStatus.nullable()
})
export type PxeStatusView = z.infer<typeof PxeStatusView>
