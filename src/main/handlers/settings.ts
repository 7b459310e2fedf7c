import { isAbsolute } from 'node:path'
import type { ChoosePathInput, ChoosePathResult, Settings } from '../../shared/contract/app'
import { AppError } from '../../shared/errors'
import type { AppContext, PathDialogs } from '../app-context'

/** A setting that names something main runs or writes to: only a native dialog changes it. */
interface PathSetting {
  key: 'talosctlPath' | 'dataDir'
  label: string
  /** How the operator sets it where there is no dialog (the preview, the CLI). */
  flag: string
  /** Null when acceptable, else why not (with the fix). */
  problem(path: string): string | null
  pick(dialogs: PathDialogs, current: string): Promise<string | null>
  confirmation(path: string): { title: string; message: string; confirmLabel: string }
}

// A bare name is looked up on PATH; anything with a separator must be absolute, or it would
// depend on the app's working folder.
const COMMAND_NAME = /^[A-Za-z0-9._-]+$/

const TALOSCTL: PathSetting = {
  key: 'talosctlPath',
  label: 'talosctl path',
  flag: '--talosctl',
  problem: (p) =>
    isAbsolute(p) || COMMAND_NAME.test(p)
      ? null
      : `"${p}" is neither a full path nor a command name: give the full path to talosctl, like /usr/local/bin/talosctl.`,
  pick: (d, current) => d.pickFile({ title: 'Choose the talosctl program', defaultPath: isAbsolute(current) ? current : undefined }),
  confirmation: (p) => ({
    title: 'Use this talosctl?',
    message: isAbsolute(p)
      ? `Wild Central will run ${p} for every talosctl command.`
      : `Wild Central will run "${p}", found on your PATH, for every talosctl command.`,
    confirmLabel: 'Use this program'
  })
}

const DATA_DIR: PathSetting = {
  key: 'dataDir',
  label: 'data folder',
  flag: '--data-dir',
  problem: (p) => (isAbsolute(p) ? null : `"${p}" is not a full path: give the full path to the folder, like /home/you/wild-central.`),
  pick: (d, current) => d.pickFolder({ title: 'Choose the data folder', defaultPath: current }),
  confirmation: (p) => ({
    title: 'Use this data folder?',
    message: `Wild Central will keep its instances, boot assets and logs in ${p}. Files already in the old folder are not moved.`,
    confirmLabel: 'Use this folder'
  })
}

export function settingsHandlers(ctx: AppContext) {
  // One dialog at a time: a page calling in a loop cannot stack up prompts.
  let dialogOpen = false

  async function choose(setting: PathSetting, { suggested }: ChoosePathInput): Promise<ChoosePathResult> {
    const dialogs = ctx.shell.dialogs
    if (!dialogs) {
      throw new AppError(
        'FORBIDDEN',
        `The ${setting.label} changes only through the desktop app's system dialog, which this browser window does not have: start the preview (or the wild CLI) with ${setting.flag} instead.`
      )
    }
    if (suggested !== undefined) {
      const problem = setting.problem(suggested)
      if (problem) throw new AppError('VALIDATION', problem)
    }
    if (dialogOpen) throw new AppError('BUSY', 'A dialog is already open: answer it first.')
    dialogOpen = true
    let chosen: string | null
    try {
      const current = ctx.settings()[setting.key]
      chosen =
        suggested === undefined
          ? await setting.pick(dialogs, current)
          : (await dialogs.confirmPath({ ...setting.confirmation(suggested), path: suggested }))
            ? suggested
            : null
    } finally {
      dialogOpen = false
    }
    if (chosen === null || chosen === ctx.settings()[setting.key]) return { changed: false, settings: ctx.settings() }
    return { changed: true, settings: await ctx.updateSettings({ [setting.key]: chosen }) }
  }

  return {
    'settings.get': async () => ctx.settings(),
    'settings.set': async (patch: Partial<Settings>) => {
      const refused = [TALOSCTL, DATA_DIR].filter((s) => patch[s.key] !== undefined)
      if (refused.length > 0) {
        const what = refused.map((s) => `the ${s.label}`).join(' and ')
        throw new AppError(
          'FORBIDDEN',
          `Nothing was saved: ${what} can only be changed with its Change… button in Settings, which asks you in a system dialog.`
        )
      }
      return ctx.updateSettings(patch)
    },
    'settings.chooseTalosctl': (input: ChoosePathInput) => choose(TALOSCTL, input),
    'settings.chooseDataDir': (input: ChoosePathInput) => choose(DATA_DIR, input)
  }
}
