import { execFile } from 'node:child_process'
import { resolve } from 'node:path'

export const CLI = resolve('out/cli/wild.js')

export interface CliResult {
  code: number
  stdout: string
  stderr: string
  json(): unknown
}

/** Runs the built `wild` CLI as a real process (no shell). */
export function runWild(args: string[], env: Record<string, string | undefined> = {}, timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((res) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...process.env, WILD_CENTRAL_DATA: '', ...env } as NodeJS.ProcessEnv, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        res({ code, stdout, stderr, json: () => JSON.parse(stdout) })
      }
    )
  })
}
