import type { Command } from 'commander'
import { coreFor } from '../context'
import { action, output, table } from '../output'

export function registerDiagnosticsCommand(program: Command): void {
  program
    .command('diagnostics')
    .description('Check talosctl, the data folder, free disk and the platform')
    .action(
      action(async (signal, _opts, cmd: Command) => {
        const report = await coreFor(cmd).diagnostics.run(signal)
        output(cmd, report, () =>
          table(
            ['CHECK', 'STATUS', 'DETAIL'],
            report.checks.map((c) => [c.label, c.status.toUpperCase(), c.detail + (c.hint ? ` — ${c.hint}` : '')])
          )
        )
        if (report.checks.some((c) => c.status === 'fail')) process.exitCode = 1
      })
    )
}
