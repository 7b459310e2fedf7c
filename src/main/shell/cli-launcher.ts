import { promises as fs } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, join } from 'node:path'
import { quote } from 'shell-quote'
import { cliModePrefix } from './pxe-elevation'

/** Marks a launcher we wrote, so a reinstall replaces it and any other `wild` is left alone. */
const MARKER = '# Installed by Wild Central'

/**
 * The `wild` launcher: a two-line shell script that runs the app's own binary in CLI mode (the
 * packaged app has RunAsNode off, so there is no Node to run out/cli/wild.js with). Paths are
 * quoted by shell-quote: "/Applications/Wild Central.app/…" has a space.
 */
export function launcherText(o: { execPath: string; appPath: string; packaged: boolean }): string {
  return `#!/bin/sh\n${MARKER}: the wild command line, run by the desktop app.\nexec ${quote(cliModePrefix(o))} "$@"\n`
}

/** Where the launcher goes unless the operator picks another folder: ~/.local/bin (XDG, also fine on macOS). */
export function defaultLauncherDir(): string {
  return join(homedir(), '.local', 'bin')
}

export function onPath(dir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.PATH ?? '').split(delimiter).some((p) => p.replace(/\/+$/, '') === dir.replace(/\/+$/, ''))
}

/** Windows has no shebang scripts: the installer's Start-menu entry is the way, the CLI is explained instead. */
export const WINDOWS_CLI_NOTE =
  'On Windows the wild command is not installed by the app. Run it as "Wild Central.exe" --wild-cli <command>, or with Node: node "<install folder>\\resources\\cli\\wild.js" <command>.'

/**
 * Writes <dir>/wild (0755). Refuses to replace a `wild` that is not one of ours, and says so.
 * Returns the launcher's path.
 */
export async function installLauncher(dir: string, text: string): Promise<string> {
  const file = join(dir, 'wild')
  const existing = await fs.readFile(file, 'utf8').catch(() => null)
  if (existing !== null && !existing.includes(MARKER)) {
    throw new Error(`${file} already exists and was not installed by Wild Central; it was left as it is. Remove it or choose another folder.`)
  }
  await fs.mkdir(dir, { recursive: true, mode: 0o755 })
  await fs.writeFile(file, text, { mode: 0o755 })
  // writeFile keeps the mode of a file it replaces: set it either way.
  await fs.chmod(file, 0o755)
  return file
}
