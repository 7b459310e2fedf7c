import { malformedOutput } from '../errors'
import { parseResources, type ResourceKind, type ResourceOf } from '../resources'
import { getArgs, versionArgs, type Target } from '../talos-args'
import { parseVersionText, type VersionText } from '../version-text'
import { defineCall } from './define'

/** Reads: `get <kind> -o json` (schemas in resources.ts) and `version`. */

/** The talosconfig is only handed to talosctl for calls that use credentials. */
export function credentials(t: Target): string | undefined {
  return t.insecure ? undefined : t.talosconfig
}

const EXAMPLE_TARGET = { node: '127.0.10.11', talosconfig: 'o/talosconfig' }

export const getCall = defineCall({
  name: 'get',
  lab: ['get'],
  args: (i: { kind: ResourceKind; target: Target; id?: string }) => getArgs(i.kind, i.target, i.id),
  timeoutMs: 20_000,
  talosconfig: (i) => credentials(i.target),
  output: (r, i): ResourceOf<ResourceKind>[] => parseResources(i.kind, r.stdout),
  example: { kind: 'machinestatus', target: EXAMPLE_TARGET },
  labRead: true
})

/** `talosctl version` against a node (refused in maintenance mode), or `--client` without one. */
export const versionCall = defineCall({
  name: 'version',
  lab: ['version'],
  args: (i: { target: Target | null }) => versionArgs(i.target),
  timeoutMs: 20_000,
  talosconfig: (i) => (i.target ? credentials(i.target) : undefined),
  output: (r): VersionText => {
    const parsed = parseVersionText(r.stdout)
    if (!parsed.client && parsed.servers.length === 0) throw malformedOutput('its version', 'no Client or Server block', r.stdout)
    return parsed
  },
  example: { target: EXAMPLE_TARGET },
  labRead: true
})
