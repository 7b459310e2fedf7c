import { rm, writeFile } from 'node:fs/promises'
import { DEMO_INSTANCE } from './demo'
import type { Core } from './index'
import { pathExists } from './fs-safe'

/**
 * Makes sure the demo instance exists, is marked as a demo (badged everywhere), and is current
 * when nothing else is.
 */
export async function ensureDemoInstance(core: Core): Promise<void> {
  const paths = core.instances.paths(DEMO_INSTANCE)
  if (!(await pathExists(paths.root))) await core.instances.create(DEMO_INSTANCE, { use: false })
  if (!(await pathExists(paths.demoMarker))) {
    await writeFile(paths.demoMarker, 'This instance runs on the simulated demo lab.\n')
  }
  if (!(await core.instances.current())) await core.instances.use(DEMO_INSTANCE)
}

export async function wipeDemo(demoDataDir: string): Promise<void> {
  await rm(demoDataDir, { recursive: true, force: true })
}
