import { Command, CommanderError } from 'commander'
import { registerCommands } from './commands'
import { EXIT_USAGE } from './output'
import { coreFor, demoDataDir, globalOptions, useDemoLab } from './context'
import { ensureDemoInstance } from '../core/demo-mode'
import { WILD_VERSION } from './version'

export function buildProgram(): Command {
  const program = new Command('wild')
    .description('Wild Central: turn bare-metal machines into a Talos Kubernetes cluster')
    .version(WILD_VERSION, '-V, --app-version', "print wild's own version (also: wild --version)")
    .option('--data-dir <dir>', 'data folder (env WILD_CENTRAL_DATA)')
    .option('--instance <name>', 'instance to act on (default: the current one)')
    .option('--talosctl <path>', 'talosctl executable (env WILD_TALOSCTL)')
    .option('--json', 'print machine-readable JSON')
    .option('--demo', 'use the demo lab: simulated machines, nothing sent to any network')
    .showHelpAfterError()
    .exitOverride()
  // The demo lab and its instance exist before any command runs against them.
  program.hook('preAction', async (_program, action) => {
    const g = globalOptions(action)
    if (!g.demo) return
    // The simulator is loaded only here: a command without --demo never reads its code.
    const lab = await import('../lab/demo-lab')
    // Demo boot assets come from a simulated factory on loopback for the life of this command.
    if (!process.env.WILD_FACTORY_URL) process.env.WILD_FACTORY_URL = (await lab.startDemoFactory({ unref: true })).url
    useDemoLab(lab.createDemoLab({ labFile: await lab.ensureDemoLab(demoDataDir(g)) }))
    await ensureDemoInstance(coreFor(action))
  })
  registerCommands(program)
  // Subcommands inherit the override so usage errors anywhere exit 2, not 1.
  const override = (cmd: Command) => {
    cmd.exitOverride()
    cmd.commands.forEach(override)
  }
  override(program)
  return program
}

/** Runs the CLI; resolves with the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  // `wild --version` before any command is wild's own version; after a command, --version names a
  // Talos version (wild assets … --version v1.11.6), so commander cannot own the flag.
  if (argv[0] === '--version') {
    process.stdout.write(`${WILD_VERSION}\n`)
    return 0
  }
  const program = buildProgram()
  try {
    await program.parseAsync(argv, { from: 'user' })
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0
      return EXIT_USAGE
    }
    process.stderr.write(`error: ${(e as Error).message}\n`)
    return 1
  }
}
