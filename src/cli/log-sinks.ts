import { createLogs } from '@core/logs/logger'
import { operationLogger } from '@core/logs/operation-log'
import { talosCallLogger } from '@core/logs/talos-calls'

/** The CLI's writers on the app's log files, marked `src: "cli"`; loaded on the first line (./logs.ts). */
export function cliSinks(dataDir: string) {
  const logs = createLogs({ dataDir, source: 'cli' })
  return { talosCall: talosCallLogger(logs.talosctl), operation: operationLogger(logs.operations) }
}
