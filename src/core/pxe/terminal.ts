import { setTimeout as sleep } from 'node:timers/promises'
import { AppError } from '../../shared/errors'
import { instancePaths } from '../paths'
import { readPxeStatus, requestStop } from './status'
import { readZeroTouch } from './zero-touch'
import type { PxeServerOptions } from './server'

/** Which nodes get their machine config at boot: the app's per-node switches, every registered node, or none. */
export function configAtBootFor(dataDir: string, instance: string, which: 'per-node' | 'all' | 'off' = 'per-node'): PxeServerOptions['configAtBoot'] {
  if (which === 'off') return undefined
  return {
    wants: which === 'all' ? async () => true : async (hostname) => (await readZeroTouch(dataDir, instance)).has(hostname),
    configPath: (hostname) => instancePaths(dataDir, instance).finalConfigFor(hostname)
  }
}

/**
 * Stops a server another process runs (`wild pxe serve`, the app's root helper): it cannot be
 * signalled (maybe another user), so it is asked through its stop-request file and watched
 * through its status file until it has released its ports.
 */
export async function stopOtherServer(dataDir: string, instance: string, waitMs = 15_000): Promise<void> {
  await requestStop(dataDir, instance)
  const deadline = Date.now() + waitMs
  let view = await readPxeStatus(dataDir, instance)
  while (view.running && Date.now() < deadline) {
    await sleep(250)
    view = await readPxeStatus(dataDir, instance)
  }
  if (view.running) {
    throw new AppError('TIMEOUT', `The server (pid ${view.server?.pid}) did not stop within ${waitMs / 1000} s. Stop it with Ctrl-C in its terminal.`)
  }
}
