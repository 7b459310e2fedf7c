import { homedir } from 'node:os'
import type { LabFile } from '../model'
import { readLab } from '../state'
import type { FlagValue } from './args'

/** What a fake talosctl run writes to and reads from; a process or an in-process caller. */
export interface TalosctlIo {
  env: Record<string, string | undefined>
  stdout: { write(chunk: string): unknown }
  stderr: { write(chunk: string): unknown }
  cwd: string
  /** Aborting ends a hung or waiting run (in-process use; a process is simply killed). */
  signal?: AbortSignal
}

export class Aborted extends Error {}

export interface CommandContext {
  io: TalosctlIo
  flags: Record<string, FlagValue>
  changed: Set<string>
  args: string[]
  labFile: string | undefined
  lab: LabFile
  /** Stands in for $HOME: the lab's `home`, else the environment's. */
  home: string
  str(name: string): string
  bool(name: string): boolean
  list(name: string): string[]
  reloadLab(): Promise<LabFile>
  sleep(ms: number): Promise<void>
  /** Never resolves: a silent machine. Ends only by abort or by killing the process. */
  hang(): Promise<never>
  out(text: string): void
  err(text: string): void
}

export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolveSleep, reject) => {
    if (signal?.aborted) return reject(new Aborted('aborted'))
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolveSleep()
    }, ms)
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(new Aborted('aborted'))
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

export function createContext(
  io: TalosctlIo,
  parsed: { flags: Record<string, FlagValue>; changed: Set<string>; args: string[] },
  labFile: string | undefined,
  lab: LabFile
): CommandContext {
  const ctx: CommandContext = {
    io,
    ...parsed,
    labFile,
    lab,
    home: lab.home ?? io.env.HOME ?? homedir(),
    str: (n) => String(parsed.flags[n] ?? ''),
    bool: (n) => parsed.flags[n] === true,
    list: (n) => (Array.isArray(parsed.flags[n]) ? (parsed.flags[n] as string[]) : []),
    reloadLab: async () => {
      ctx.lab = await readLab(labFile)
      return ctx.lab
    },
    sleep: (ms) => sleepFor(ms, io.signal),
    hang: () =>
      new Promise<never>((_, reject) => {
        // The interval keeps a standalone process alive; nothing else would.
        const keepAlive = setInterval(() => undefined, 60_000)
        io.signal?.addEventListener('abort', () => {
          clearInterval(keepAlive)
          reject(new Aborted('aborted'))
        })
      }),
    out: (t) => void io.stdout.write(t),
    err: (t) => void io.stderr.write(t)
  }
  return ctx
}
