import { resolve } from 'node:path'
import type { Command } from 'commander'
import { cliSettings, osAppDataDir } from '../../core/app-settings'
import { coreFor } from '../context'
import { action, output } from '../output'
import { version } from '../../../package.json'

/**
 * `wild diagnostics bundle`: the CLI's diagnostics.saveBundle (the app asks where with a native
 * dialog; here --output says it). Added under the `diagnostics` verb the contract table registers.
 */
export function registerDiagnosticsBundleCommand(program: Command): void {
  const diagnostics = program.commands.find((c) => c.name() === 'diagnostics') ?? program.command('diagnostics')
  diagnostics
    .command('bundle')
    .description('Save a zip of the logs, versions, settings and non-secret instance files to send with a report')
    .option('--output <file>', 'where to write the zip (default: wild-central-diagnostics-<date>.zip here)')
    .action(
      action(async (signal, opts: { output?: string }, cmd: Command) => {
        // Loaded here: the zip library is not worth parsing on every `wild` start.
        const { bundleFileName, talosctlVersionForBundle, writeDiagnosticsBundle } = await import('../../core/logs/bundle')
        const core = coreFor(cmd)
        const file = resolve(opts.output ?? bundleFileName())
        const settings = { ...cliSettings(osAppDataDir()), dataDir: core.options.dataDir, talosctlPath: core.options.talosctlPath }
        const talosctl = await talosctlVersionForBundle((o) => core.talos.clientVersion(o), signal)
        const r = await writeDiagnosticsBundle({
          file,
          settingsDataDir: settings.dataDir,
          instancesDataDir: core.options.dataDir,
          settings,
          versions: { app: version, talosctl }
        })
        const result = { saved: true, file: r.file, entries: r.entries }
        output(cmd, result, () => `Saved ${r.file} (${r.entries.length} files). It holds no keys or machine configs; look inside before sending it.`)
      })
    )
}
