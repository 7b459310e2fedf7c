import { join } from 'node:path'

/** The topics, one file each: what the app did, every talosctl call, every operation. */
export const LOG_TOPICS = ['app', 'talosctl', 'operations'] as const
export type LogTopic = (typeof LOG_TOPICS)[number]

/** <data folder>/logs: beside the instances, so a support bundle and "Open logs" find it. */
export function logsDir(dataDir: string): string {
  return join(dataDir, 'logs')
}
