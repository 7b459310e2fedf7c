import { z } from 'zod'
import { Empty } from '../schemas/common'
import { command, type CommandMap, type EventMap } from './types'

/** saved is false when the operator cancelled the save dialog. */
export const SaveBundleResult = z.object({
  saved: z.boolean(),
  file: z.string().nullable(),
  /** The names inside the zip, so the screen can say what was included. */
  entries: z.array(z.string())
})
export type SaveBundleResult = z.infer<typeof SaveBundleResult>

export const diagnosticsBundleCommands = {
  'diagnostics.openLogs': command({
    summary: "Open the logs folder in the system's file manager",
    input: () => Empty,
    output: () => z.object({ path: z.string() })
  }),
  'diagnostics.saveBundle': command({
    summary: 'Save a zip of the logs, versions, settings and non-secret instance files where the operator chooses',
    input: () => Empty,
    output: () => SaveBundleResult
  })
} satisfies CommandMap

export const diagnosticsBundleEvents = {} satisfies EventMap
