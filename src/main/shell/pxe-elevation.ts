import { quote } from 'shell-quote'
import type { PxeElevation } from '../../core/pxe/elevated'

/** What the elevation package needs: @vscode/sudo-prompt's exec, injected so tests need no prompt. */
export type SudoExec = (
  command: string,
  options: { name: string },
  callback: (error?: Error, stdout?: string | Buffer, stderr?: string | Buffer) => void
) => void

/** The flag that turns the app's own binary into `wild` (see cliModeArgs). */
export const CLI_MODE_FLAG = '--wild-cli'

/**
 * `wild-central … --wild-cli pxe serve …` → ['pxe', 'serve', …]; null for a normal start.
 * The packaged app has the RunAsNode fuse off, so the helper cannot be Electron-as-Node: it is
 * the app's main process running the CLI instead of opening a window.
 */
export function cliModeArgs(argv: readonly string[]): string[] | null {
  const at = argv.indexOf(CLI_MODE_FLAG)
  return at < 0 ? null : argv.slice(at + 1)
}

/** How to start the app's binary in CLI mode, packaged or from a checkout (`electron <appPath>`). */
export function cliModePrefix(o: { execPath: string; appPath: string; packaged: boolean }): string[] {
  // Chromium refuses to start as root unless its sandbox is off; CLI mode opens no renderer.
  return [o.execPath, ...(o.packaged ? [] : [o.appPath]), '--no-sandbox', CLI_MODE_FLAG]
}

/**
 * The one command line the prompt runs. The package hands it to a shell (pkexec's bash, the
 * macOS prompt, PowerShell for UAC), so every word is quoted by shell-quote; interface and
 * instance passed the contract's zod before they get here.
 */
export function elevatedCommand(prefix: readonly string[], args: readonly string[]): string {
  return quote([...prefix, ...args])
}

/** `wild` as root through the platform's own prompt: exactly `wild pxe serve`, run by the app's binary. */
export function createPxeElevation(o: { exec: SudoExec; prefix: string[] }): PxeElevation {
  return {
    launch: (args) =>
      new Promise<void>((resolve, reject) => {
        o.exec(elevatedCommand(o.prefix, args), { name: 'Wild Central' }, (error, _stdout, stderr) => {
          if (!error) return resolve()
          const detail = String(stderr ?? '').trim()
          reject(new Error(detail ? `${error.message}\n${detail}` : error.message))
        })
      })
  }
}
