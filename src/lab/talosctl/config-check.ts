import { parseDocuments, isV1alpha1, obj, type ConfigDocument } from '../config-facts'
import { knowsNetworkDocuments } from './versions'

/**
 * What a Talos of a given version says about a machine config, before anything else looks at it:
 * a decode error (a document kind or a key it does not know, as a 1.11 machine says of the
 * v1.12 documents) or the validation problems of the documents it did decode.
 */

/** Document kinds that Talos 1.12 added; older versions have them not registered. */
export const KINDS_SINCE_1_12 = new Set([
  'HostnameConfig',
  'LinkConfig',
  'LinkAliasConfig',
  'Layer2VIPConfig',
  'HCloudVIPConfig',
  'DummyLinkConfig',
  'BondConfig',
  'StaticHostConfig',
  'ResolverConfig'
])

export type ConfigCheck =
  { kind: 'yaml'; message: string } | { kind: 'decode'; message: string } | { kind: 'checked'; docs: ConfigDocument[]; problems: string[] }

function decodeError(docs: ConfigDocument[], version: string): string | null {
  if (knowsNetworkDocuments(version)) return null
  for (const { body, line } of docs) {
    if (isV1alpha1(body)) {
      const install = obj(obj(body.machine).install)
      if ('grubUseUKICmdline' in install) {
        return `unknown keys found during decoding:\nmachine:\n    install:\n        grubUseUKICmdline: ${String(install.grubUseUKICmdline)}\n`
      }
      continue
    }
    const kind = String(body.kind)
    if (KINDS_SINCE_1_12.has(kind)) {
      const api = String(body.apiVersion ?? '')
      const name = typeof body.name === 'string' ? body.name : ''
      return `error decoding document ${api}/${kind}/${name} (line ${line}): "${kind}" "${api}": not registered`
    }
  }
  return null
}

function problems(docs: ConfigDocument[]): string[] {
  const v1 = docs.find((d) => isV1alpha1(d.body))?.body ?? {}
  const machine = obj(v1.machine)
  const cluster = obj(v1.cluster)
  const out: string[] = []
  if (v1.version !== 'v1alpha1') out.push(`unknown config version: ${JSON.stringify(v1.version ?? '')}`)
  const type = typeof machine.type === 'string' ? machine.type : ''
  if (!['controlplane', 'worker', 'init'].includes(type)) out.push(`unknown machine type: ${JSON.stringify(type)}`)
  if (!obj(machine.ca).crt) out.push('machine.ca is required')
  if (!obj(cluster.controlPlane).endpoint) out.push('cluster.controlPlane.endpoint is required')
  const hostnameDoc = docs.find((d) => d.body.kind === 'HostnameConfig')?.body
  if (hostnameDoc) {
    // Talos 1.12 reports these conflicts between HostnameConfig and the deprecated fields.
    if (obj(machine.network).hostname) out.push('static hostname is already set in v1alpha1 config')
    if (hostnameDoc.auto === 'stable' && obj(machine.features).stableHostname === true) out.push('stable hostname is already set in v1alpha1 config')
  }
  for (const { body } of docs) {
    if (body.kind === 'LinkAliasConfig' && typeof obj(body.selector).match !== 'string') {
      out.push(`LinkAliasConfig ${String(body.name ?? '')}: selector.match is required`)
    }
  }
  return out
}

/** Reads `text` as a Talos of `version` would. */
export function checkConfig(text: string, version: string): ConfigCheck {
  let docs: ConfigDocument[]
  try {
    docs = parseDocuments(text)
  } catch (e) {
    return { kind: 'yaml', message: (e as Error).message.split('\n')[0] ?? '' }
  }
  const decode = decodeError(docs, version)
  if (decode) return { kind: 'decode', message: decode }
  return { kind: 'checked', docs, problems: problems(docs) }
}

/** hashicorp/go-multierror's layout, which Talos validation errors use. */
export function problemList(list: string[]): string {
  return `${list.length === 1 ? '1 error occurred' : `${list.length} errors occurred`}:\n${list.map((p) => `\t* ${p}`).join('\n')}\n\n`
}
