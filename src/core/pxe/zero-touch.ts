import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import { readJsonFile, writeJsonAtomically } from '../fs-safe'
import { netbootPaths } from './status'

/**
 * Zero-touch (issue 13 item 5): a node's machine config handed to the installer at boot through
 * `talos.config=http://<laptop>:<port>/config/<token>`. The config holds the cluster's secrets
 * and travels unencrypted, so a token is good once, only for the MAC it was issued to, and only
 * from the address the boot tracker saw that MAC use.
 */

export interface ConfigGrant {
  mac: string
  ip: string
  hostname: string
  path: string
}

export function createConfigTokens(newToken: () => string = () => randomBytes(24).toString('base64url')) {
  const byToken = new Map<string, ConfigGrant>()
  return {
    /** One live token per MAC: a machine that reboots mid-install gets a fresh one, the old one dies. */
    issue(grant: ConfigGrant): string {
      for (const [t, g] of byToken) if (g.mac === grant.mac) byToken.delete(t)
      const token = newToken()
      byToken.set(token, grant)
      return token
    },
    /**
     * The grant for a request, consumed; null (and the token kept) when the request comes from
     * another address, or that address is not where the tracker saw the MAC.
     */
    redeem(token: string, from: { ip: string; macAtIp: string | null }): ConfigGrant | null {
      const g = byToken.get(token)
      if (!g || g.ip !== from.ip || from.macAtIp !== g.mac) return null
      byToken.delete(token)
      return g
    },
    size(): number {
      return byToken.size
    }
  }
}
export type ConfigTokens = ReturnType<typeof createConfigTokens>

/** The token part of /config/<token>: base64url only, so nothing odd reaches a lookup or a log. */
export const ConfigToken = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/)

/** <instance>/netboot/zero-touch.json: the nodes the operator switched "apply config at boot" on for. */
const ZeroTouchFile = z.object({ nodes: z.array(z.string()) })

function zeroTouchPath(dataDir: string, instance: string): string {
  return join(netbootPaths(dataDir, instance).dir, 'zero-touch.json')
}

export async function readZeroTouch(dataDir: string, instance: string): Promise<Set<string>> {
  const parsed = ZeroTouchFile.safeParse(await readJsonFile(zeroTouchPath(dataDir, instance)).catch(() => undefined))
  return new Set(parsed.success ? parsed.data.nodes : [])
}

export async function writeZeroTouch(dataDir: string, instance: string, nodes: Set<string>): Promise<void> {
  await writeJsonAtomically(zeroTouchPath(dataDir, instance), { nodes: [...nodes].sort() })
}
