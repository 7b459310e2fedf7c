/**
 * `talosctl version` has no `-o json` (its hidden `--json` is protojson with unstable spacing),
 * so the text layout is parsed (reference §4):
 *   Client:\n\tTag:  v1.11.6\n\tSHA: …\nServer:\n\tNODE:  192.168.1.50\n\tTag: v1.11.6 …
 * `--short` replaces a block body with `\tTalos v1.11.6`.
 */
export interface VersionBlock {
  node: string | null
  tag: string | null
  sha: string | null
  goVersion: string | null
  osArch: string | null
  enabled: string | null
}

export interface VersionText {
  client: VersionBlock | null
  servers: VersionBlock[]
}

const KEYS: Record<string, keyof VersionBlock> = {
  node: 'node',
  tag: 'tag',
  sha: 'sha',
  'go version': 'goVersion',
  'os/arch': 'osArch',
  enabled: 'enabled'
}

function emptyBlock(): VersionBlock {
  return { node: null, tag: null, sha: null, goVersion: null, osArch: null, enabled: null }
}

export function parseVersionText(text: string): VersionText {
  const out: VersionText = { client: null, servers: [] }
  let current: VersionBlock | null = null
  let section: 'client' | 'server' | null = null
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '')
    if (/^Client:\s*$/.test(line)) {
      section = 'client'
      current = out.client = emptyBlock()
      continue
    }
    if (/^Server:\s*$/.test(line)) {
      section = 'server'
      current = emptyBlock()
      out.servers.push(current)
      continue
    }
    if (!current || !section) continue
    const short = /^\s+Talos\s+(v\S+)\s*$/.exec(line)
    if (short) {
      current.tag = short[1]!
      continue
    }
    const kv = /^\s+([A-Za-z/ ]+?):\s*(.*?)\s*$/.exec(line)
    if (!kv) continue
    const key = KEYS[kv[1]!.toLowerCase()]
    if (!key) continue
    // Several nodes print one NODE line each under the same "Server:" header.
    if (section === 'server' && key === 'node' && current.node !== null) {
      current = emptyBlock()
      out.servers.push(current)
    }
    current[key] = kv[2] || null
  }
  return out
}
