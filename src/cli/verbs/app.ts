import { table } from '../output'
import { appOnly, type VerbTable } from './types'

const DEMO = appOnly('the app switches itself into the demo; wild takes --demo on each command instead')
const SETTINGS = appOnly("the app's Settings screen; wild reads the same settings file, and its flags and environment win over it")

/** The app.*, demo.*, settings.* and diagnostics.run commands. */
export const appVerbs = {
  'app.info': appOnly("the desktop app's own facts (shell, platform); wild --version prints the CLI's version"),
  'app.openExternal': appOnly('opens a link in the desktop browser'),
  'demo.enter': DEMO,
  'demo.leave': DEMO,
  'demo.reset': DEMO,
  'settings.get': SETTINGS,
  'settings.set': SETTINGS,
  'settings.chooseTalosctl': appOnly('a native file dialog; wild takes --talosctl or WILD_TALOSCTL'),
  'settings.chooseDataDir': appOnly('a native folder dialog; wild takes --data-dir or WILD_CENTRAL_DATA'),
  'diagnostics.openLogs': appOnly("opens the logs folder in the system's file manager; the logs are in <data folder>/logs"),
  'diagnostics.run': {
    kind: 'verb',
    path: ['diagnostics'],
    description: 'Check talosctl, the data folder, free disk and the platform',
    input: () => ({}),
    print: (report) =>
      table(
        ['CHECK', 'STATUS', 'DETAIL'],
        report.checks.map((c) => [c.label, c.status.toUpperCase(), c.detail + (c.hint ? ` — ${c.hint}` : '')])
      ),
    exitCode: (report) => (report.checks.some((c) => c.status === 'fail') ? 1 : 0)
  },
  // After diagnostics.run: its verb is the group this one goes under.
  'diagnostics.saveBundle': {
    kind: 'verb',
    path: ['diagnostics', 'bundle'],
    description: 'Save a zip of the logs, versions, settings and non-secret instance files to send with a report',
    options: [{ flags: '--output <file>', description: 'where to write the zip (default: wild-central-diagnostics-<date>.zip here)' }],
    // No file in the input: the handler asks its save dialog, which wild answers with --output (./cli-files.ts).
    input: () => ({}),
    print: (r) => `Saved ${r.file} (${r.entries.length} files). It holds no keys or machine configs; look inside before sending it.`
  }
} satisfies Partial<VerbTable>
