import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAppContext } from '../main/app-context'
import { createMemorySettings, defaultSettings } from '../core/app-settings'
import { startPreviewServer } from './preview-server'

/** `npm run preview [-- --data-dir DIR] [--port N]`: the app in any browser, on 127.0.0.1 only. */
async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const flag = (name: string) => {
    const i = args.indexOf(name)
    return i >= 0 ? args[i + 1] : undefined
  }
  // Without a data folder the preview runs on the demo lab: nothing touches a real network.
  const demo = !flag('--data-dir')
  const scratch = mkdtempSync(join(tmpdir(), 'wild-preview-'))
  const dataDir = flag('--data-dir') ?? join(scratch, 'data')
  const defaults = defaultSettings(dataDir)
  const ctx = createAppContext({
    demoDataDir: join(scratch, 'demo'),
    settings: createMemorySettings({ ...defaults, dataDir, talosctlPath: flag('--talosctl') ?? defaults.talosctlPath }),
    shell: {
      kind: 'browser',
      version: process.env.npm_package_version ?? 'preview',
      openExternal: async (url) => console.log(`(preview) would open ${url}`)
    }
  })
  if (demo) await ctx.enterDemo()
  const server = await startPreviewServer({
    ctx,
    rendererDir: join(__dirname, '../renderer'),
    bridgeFile: join(__dirname, '../bridges/ws-bridge.js'),
    port: flag('--port') ? Number(flag('--port')) : 0
  })
  console.log(
    demo
      ? 'Wild Central preview on the demo lab (simulated machines; give --data-dir DIR to use a real data folder)'
      : `Wild Central preview (data folder ${dataDir})`
  )
  console.log(`Open: ${server.url}`)
  const stop = async () => {
    await server.close()
    await ctx.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

void main()
