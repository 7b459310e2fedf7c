import { z } from 'zod'
import { Empty, Ok } from '../schemas/common'
import { command, type CommandMap, type EventMap } from './types'

export const Theme = z.enum(['light', 'dark', 'system'])
export type Theme = z.infer<typeof Theme>

export const Settings = z.object({
  dataDir: z.string().min(1),
  talosctlPath: z.string().min(1),
  theme: Theme,
  proxy: z.string().nullable(),
  factoryUrl: z.string().url()
})
export type Settings = z.infer<typeof Settings>

export const DiagnosticCheck = z.object({
  id: z.string(),
  label: z.string(),
  status: z.enum(['ok', 'warn', 'fail']),
  detail: z.string(),
  hint: z.string().nullable()
})
export type DiagnosticCheck = z.infer<typeof DiagnosticCheck>

export const DiagnosticsReport = z.object({
  checkedAt: z.string(),
  checks: z.array(DiagnosticCheck)
})
export type DiagnosticsReport = z.infer<typeof DiagnosticsReport>

/**
 * The renderer may only *suggest* an executable or data folder: main shows it in a native
 * confirmation naming the exact path, or opens a native picker when nothing is suggested.
 */
export const ChoosePathInput = z
  .object({
    suggested: z
      .string()
      .trim()
      .min(1)
      .max(4096)
      .refine((s) => !/[\0\r\n]/.test(s), 'A path cannot contain control characters')
      .optional()
  })
  .strict()
export type ChoosePathInput = z.infer<typeof ChoosePathInput>

/** changed is false when the operator cancelled; settings are the current ones either way. */
export const ChoosePathResult = z.object({ changed: z.boolean(), settings: Settings })
export type ChoosePathResult = z.infer<typeof ChoosePathResult>

/** Hosts an external link may open; anything else is refused. */
export const EXTERNAL_LINK_HOSTS = ['www.talos.dev', 'talos.dev', 'factory.talos.dev', 'github.com', 'kubernetes.io'] as const

export const appCommands = {
  'app.info': command({
    summary: 'Version, platform and whether this is the demo',
    input: () => Empty,
    output: () =>
      z.object({
        version: z.string(),
        platform: z.string(),
        arch: z.string(),
        shell: z.enum(['electron', 'browser']),
        /** True while the app runs on the demo lab (simulated machines, no real network). */
        demo: z.boolean(),
        dataDir: z.string()
      })
  }),
  'demo.enter': command({
    summary: 'Explore with a demo lab: simulated machines, nothing sent to the network',
    input: () => Empty,
    output: () => Ok
  }),
  'demo.leave': command({ summary: 'Leave the demo lab and return to your own data folder', input: () => Empty, output: () => Ok }),
  'demo.reset': command({ summary: 'Start the demo lab over from machines in maintenance mode', input: () => Empty, output: () => Ok }),
  'app.openExternal': command({
    summary: 'Open an allowlisted https link in the system browser',
    input: () => z.object({ url: z.string() }).strict(),
    output: () => Ok
  }),
  'settings.get': command({ summary: 'Read the app settings', input: () => Empty, output: () => Settings }),
  'settings.set': command({
    summary: 'Change the theme, proxy or factory URL (the data folder and talosctl change only through settings.choose*)',
    input: () => Settings.partial().strict(),
    output: () => Settings
  }),
  'settings.chooseTalosctl': command({
    summary: 'Let the operator pick the talosctl program in a native dialog (or confirm a suggested path)',
    input: () => ChoosePathInput,
    output: () => ChoosePathResult
  }),
  'settings.chooseDataDir': command({
    summary: 'Let the operator pick the data folder in a native dialog (or confirm a suggested folder)',
    input: () => ChoosePathInput,
    output: () => ChoosePathResult
  }),
  'diagnostics.run': command({
    summary: 'Check talosctl, the data folder, free disk and the platform',
    input: () => Empty,
    output: () => DiagnosticsReport
  })
} satisfies CommandMap

export const appEvents = {
  'settings.changed': Settings,
  /** The app entered or left the demo lab: every cached query is stale. */
  'app.modeChanged': z.object({ demo: z.boolean() })
} satisfies EventMap
