import type { Command } from 'commander'
import { action, output, table } from '../output'
import { parseOption as parse } from '../parse-option'
import { FactoryUrl } from '../verbs/asset-options'
import { withSession } from '../verbs/session'

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

/**
 * `wild talos versions`: talos.versions through the contract. --json prints the plain list scripts
 * want (version strings, newest first), not the contract's object: that shape is relied on.
 */
export function registerTalosCommands(program: Command): void {
  const talos = program.command('talos').description('Talos releases')
  talos
    .command('versions')
    .description('The Talos versions the Image Factory offers, newest first (the last list fetched when offline)')
    .option('--factory-url <url>', 'Image Factory base URL (default: the setting, env WILD_FACTORY_URL)')
    .option('--pre-releases', 'include alphas, betas and release candidates')
    .action(
      action(async (signal, opts: VersionsOptions, cmd: Command) => {
        // The flag is WILD_FACTORY_URL for this run: the core the session builds asks that factory.
        if (opts.factoryUrl) process.env.WILD_FACTORY_URL = parse(FactoryUrl, opts.factoryUrl)
        const list = await withSession(cmd, signal, (s) => s.call('talos.versions', { preReleases: opts.preReleases || undefined }))
        if (list.source !== 'factory') {
          const from = list.source === 'cache' ? `the list fetched ${age(list.fetchedAt!)} ago` : 'the list built into this version of wild'
          process.stderr.write(`warning: the Image Factory could not be asked (${list.offlineReason}); showing ${from}.\n`)
        }
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
