import { parseFlags } from '../talosctl/args'
import { GLOBAL_FLAGS } from '../talosctl/command'
import { findCommand } from '../talosctl/run'

/**
 * Which command lines the lab's server runs in-process for the native client. Only reads that end
 * by themselves: `get` and `version` change nothing a process would keep (a failNext fault takes
 * the lab file's cross-process lock, as the demo's in-process runs already do), print a few
 * lines and return. Everything else runs as a Node process, as before: the streaming ones
 * (`logs -f`, `dmesg -f`, `get -w`) would hold the server's event loop share for their whole
 * life, and the ones that write files or take long gain nothing from a fast start.
 */
const SHORT_READS = new Set(['get', 'version'])

export function servedInProcess(argv: string[]): boolean {
  const { command, rest } = findCommand(argv)
  if (!command || !SHORT_READS.has(command.path[0]!)) return false
  try {
    return parseFlags(rest, [...command.flags, ...GLOBAL_FLAGS]).flags.watch !== true
  } catch {
    // A flag error: runTalosctl prints it and exits 1, nothing streams.
    return true
  }
}
