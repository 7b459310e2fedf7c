import { existsSync, realpathSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Node } from '../../shared/contract/nodes'
import type { NodeLookup } from './server'

/**
 * Installed = the machine has Talos on its disk: it is installing (the reboot after apply-config
 * is exactly when the reboot trap matters), ready, or was seen back installed (deployed).
 */
export function isInstalled(n: Pick<Node, 'state' | 'deployed'>): boolean {
  return n.state === 'installing' || n.state === 'ready' || n.deployed
}

/** Read on every script request, so `node` state changes made elsewhere apply to the next boot. */
export function nodeLookup(list: () => Promise<Node[]>): NodeLookup {
  return async (mac) => {
    const node = (await list()).find((n) => n.mac === mac)
    return node ? { hostname: node.hostname, installed: isInstalled(node) } : null
  }
}

/**
 * resources/ipxe: $WILD_IPXE_DIR, else beside the running bundle (out/cli/wild.js →
 * resources/ipxe in a checkout), else the packaged app's resources folder.
 */
export function defaultIpxeDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.WILD_IPXE_DIR) return env.WILD_IPXE_DIR
  const candidates: string[] = []
  const script = process.argv[1]
  if (script) {
    try {
      candidates.push(join(dirname(realpathSync(script)), '..', '..', 'resources', 'ipxe'))
    } catch {
      // a script path that vanished: fall through to the other places
    }
  }
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath
  if (resourcesPath) candidates.push(join(resourcesPath, 'ipxe'))
  candidates.push(join(process.cwd(), 'resources', 'ipxe'))
  return candidates.find((c) => existsSync(join(c, 'undionly.kpxe'))) ?? candidates[0]!
}
