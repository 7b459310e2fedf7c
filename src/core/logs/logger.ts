import pino, { type Logger } from 'pino'
import { LOG_TOPICS, logsDir, type LogTopic } from './paths'
import { redactValue } from './redact'
import { createRotatingFile, type RotationOptions } from './rotating-file'

export type { Logger }

export interface LogsOptions extends Partial<RotationOptions> {
  /** The data folder; files go to <dataDir>/logs. */
  dataDir: string
  /** Which program writes: the app and the CLI share the files. */
  source: 'app' | 'cli'
  level?: pino.LevelWithSilent
}

export type AppLogs = Record<LogTopic, Logger> & { dir: string }

/** 5 MB × (1 + 4 rotated) per topic: a few weeks of ordinary use, small enough to send. */
const DEFAULTS: RotationOptions = { maxBytes: 5 * 1024 * 1024, keep: 4 }

/**
 * One pino logger per topic, each on its own rotating file. Every argument passes the redaction
 * before pino sees it, so no code path can write a key, a token or a machine config to disk.
 */
export function createLogs(o: LogsOptions): AppLogs {
  const dir = logsDir(o.dataDir)
  const rotation = { maxBytes: o.maxBytes ?? DEFAULTS.maxBytes, keep: o.keep ?? DEFAULTS.keep }
  const make = (topic: LogTopic): Logger =>
    pino(
      {
        level: o.level ?? 'info',
        base: { src: o.source, pid: process.pid },
        timestamp: pino.stdTimeFunctions.isoTime,
        hooks: {
          logMethod(args, method) {
            method.apply(this, args.map((a) => redactValue(a)) as Parameters<typeof method>)
          }
        }
      },
      createRotatingFile(dir, topic, rotation)
    )
  const loggers = Object.fromEntries(LOG_TOPICS.map((t) => [t, make(t)])) as Record<LogTopic, Logger>
  return { ...loggers, dir }
}
