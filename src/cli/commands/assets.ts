import type { Command } from 'commander'
import { ALL_ASSET_TYPES } from '@shared/contract/assets'
import type { Operation } from '@shared/contract/operations'
import { action, output } from '../output'
import { withSession } from '../verbs/session'
import { SET_OPTIONS, TYPE_OPTION, setInput } from '../verbs/asset-options'
import { assetTable, progressLine } from './assets-format'

/** At most one progress line a second: the operation's events come up to four times as often. */
function progressPrinter(operationId: () => string | null): (op: Operation) => void {
  let last = 0
  return (op) => {
    if (op.id !== operationId() || op.status !== 'running' || Date.now() - last < 1000) return
    last = Date.now()
    process.stderr.write(progressLine(op) + '\n')
  }
}

/**
 * `wild assets download`: starts the download (assets.download), prints its progress from the
 * operation's events while following it (Ctrl-C cancels; resumable), then answers with the set as
 * it is now (assets.list of the types asked for). The other `assets` verbs are table entries
 * (src/cli/verbs/assets.ts), added to this group after it.
 */
export function registerAssetCommands(program: Command): void {
  const assets = program.command('assets').description('Boot assets (kernel, initramfs, ISO) from the Talos Image Factory')

  const download = assets.command('download').description('Download boot assets; progress on stderr, Ctrl-C cancels (resumable)')
  for (const o of [...SET_OPTIONS, TYPE_OPTION]) {
    if (o.parse) download.option(o.flags, o.description, o.parse as (value: string) => unknown)
    else download.option(o.flags, o.description)
  }
  download.option('--force', 'download again even when already downloaded').action(
    action(async (signal, opts: Record<string, unknown>, cmd: Command) => {
      await withSession(cmd, signal, async (s) => {
        const set = setInput(opts)
        let operationId: string | null = null
        s.on(
          'operation.updated',
          progressPrinter(() => operationId)
        )
        const started = await s.call('assets.download', { ...set, force: opts.force === true ? true : undefined })
        operationId = started.operationId
        await s.follow(await s.instance(), started.operationId)
        const list = await s.call('assets.list', { ...set, types: set.types ?? ALL_ASSET_TYPES })
        output(cmd, list, () => `Downloaded (${started.operationId}):\n${assetTable(list)}`)
      })
    })
  )
}
