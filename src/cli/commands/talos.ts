import type { Command } from 'commander'
import { z } from 'zod'
import { talosCommands } from '../../shared/contract/talos'
import { createHttpClient } from '../../core/assets/http'
import { createVersionCatalog } from '../../core/talos/version-catalog'
import { coreFor } from '../context'
import { action, output, table } from '../output'
import { parseOption as parse } from '../parse-option'

interface VersionsOptions {
  factoryUrl?: string
  preReleases?: boolean
}

function age(fetchedAt: string): string {
  const minutes = Math.max(0, Math.round((Date.now() - Date.parse(fetchedAt)) / 60_000))
  if (minutes < 60) return `${minutes} min`
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`
  return `${Math.round(minutes / 1440)} days`
}

export function registerTalosCommands(program: Command): void {
  const talos = program.command('talos').description('Talos releases')
  talos
    .command('versions')
    .description('The Talos versions the Image Factory offers, newest first (the last list fetched when offline)')
    .option('--factory-url <url>', 'Image Factory base URL (default: the setting, env WILD_FACTORY_URL)')
    .option('--pre-releases', 'include alphas, betas and release candidates')
    .action(
      action(async (signal, opts: VersionsOptions, cmd: Command) => {
        const core = coreFor(cmd)
        const input = parse(talosCommands['talos.versions'].input, { preReleases: opts.preReleases || undefined })
        let list
        if (opts.factoryUrl) {
          const url = parse(z.string().url('--factory-url must be a URL like https://factory.talos.dev'), opts.factoryUrl)
          const http = createHttpClient({ proxy: core.options.proxy })
          try {
            list = await createVersionCatalog({ dataDir: core.options.dataDir, factoryUrl: url, dispatcher: () => http.dispatcher }).list({ ...input, signal })
          } finally {
            await http.close()
          }
        } else {
          list = await core.talosVersions.list({ ...input, signal })
        }
        await core.close()
        if (list.source !== 'factory') {
          const from = list.source === 'cache' ? `the list fetched ${age(list.fetchedAt!)} ago` : 'the list built into this version of wild'
          process.stderr.write(`warning: the Image Factory could not be asked (${list.offlineReason}); showing ${from}.\n`)
        }
        // --json is the plain list scripts want: version strings, newest first.
        output(
          cmd,
          list.releases.map((r) => r.version),
          () =>
            table(
              ['VERSION', 'KUBERNETES', 'NOTE'],
              list.releases.map((r) => [
                r.version,
                r.kubernetes ?? '—',
                [r.version === list.recommended ? 'newest stable' : '', r.preRelease ? 'pre-release' : ''].filter(Boolean).join(', ')
              ])
            )
        )
      })
    )
}
