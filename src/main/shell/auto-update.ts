import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Whether the app looks for updates. Off unless all of: a packaged app (never in development),
 * not a test or CI run, and a feed configured — electron-builder writes resources/app-update.yml
 * only when electron-builder.yml's `publish` names a url, which it does not until a feed exists.
 * Off means electron-updater is not even loaded: no network at all.
 */
export function updateDecision(o: { packaged: boolean; env: NodeJS.ProcessEnv; feedFile: string | null }): { check: boolean; why: string } {
  if (!o.packaged) return { check: false, why: 'development build' }
  if (o.env.NODE_ENV === 'test' || o.env.CI || o.env.WILD_E2E) return { check: false, why: 'test run' }
  if (o.env.WILD_NO_UPDATES) return { check: false, why: 'turned off by WILD_NO_UPDATES' }
  if (!o.feedFile) return { check: false, why: 'no update feed configured' }
  return { check: true, why: 'feed configured' }
}

/** resources/app-update.yml when it names a non-empty url; null otherwise. */
export function configuredFeedFile(resourcesPath: string): string | null {
  const file = join(resourcesPath, 'app-update.yml')
  if (!existsSync(file)) return null
  try {
    return /^\s*url:\s*['"]?[^\s'"]+/m.test(readFileSync(file, 'utf8')) ? file : null
  } catch {
    return null
  }
}

/** Loads electron-updater only when the decision says so; a failed check is logged, never shown. */
export async function checkForUpdatesIfConfigured(o: {
  packaged: boolean
  resourcesPath: string
  log: { info(o: object, m: string): void; warn(o: object, m: string): void }
}): Promise<void> {
  const d = updateDecision({ packaged: o.packaged, env: process.env, feedFile: configuredFeedFile(o.resourcesPath) })
  o.log.info({ check: d.check }, `update check: ${d.why}`)
  if (!d.check) return
  try {
    const { autoUpdater } = await import('electron-updater')
    await autoUpdater.checkForUpdatesAndNotify()
  } catch (e) {
    o.log.warn({ error: e instanceof Error ? e.message : String(e) }, 'update check failed')
  }
}
