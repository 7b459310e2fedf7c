import { LineCounter, parseAllDocuments } from 'yaml'

/**
 * Facts the lab reads from a machine config: the v1alpha1 document and, from Talos 1.12, the
 * network documents (HostnameConfig, LinkAliasConfig, LinkConfig, Layer2VIPConfig,
 * ResolverConfig) that replace its machine.network fields. Parsing is memoised per text.
 */

/** One term of a LinkAliasConfig selector the lab understands: mac(link.<field>) == "<mac>". */
export interface MacTerm {
  field: 'permanentAddr' | 'hardwareAddr'
  mac: string
}

export interface ConfigInterface {
  interface?: string
  deviceSelector?: Record<string, unknown>
  /** From a LinkAliasConfig: the link whose MAC matches any term. */
  macTerms?: MacTerm[]
  dhcp?: boolean
  addresses: string[]
  routes: { network: string; gateway?: string; metric?: number }[]
  vip?: string
  mtu?: number
}

export interface ConfigFacts {
  type?: string
  clusterName?: string
  endpoint?: string
  ca?: string
  hostname?: string
  nameservers: string[]
  installDisk?: string
  installDiskSelector?: Record<string, unknown>
  installImage?: string
  interfaces: ConfigInterface[]
  k8sCa?: { crt?: string; key?: string }
}

type Obj = Record<string, unknown>
export const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {})
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])

/** A document of a multi-document config and the line it starts on (errors name it). */
export interface ConfigDocument {
  body: Obj
  line: number
}

/** Every non-empty document. Throws on YAML that does not parse. */
export function parseDocuments(text: string): ConfigDocument[] {
  const lineCounter = new LineCounter()
  const out: ConfigDocument[] = []
  for (const d of parseAllDocuments(text, { lineCounter })) {
    if (d.errors.length) throw d.errors[0]
    const body = d.toJS() as unknown
    if (body === null || body === undefined) continue
    const start = d.contents?.range?.[0] ?? 0
    out.push({ body: obj(body), line: lineCounter.linePos(start).line })
  }
  return out
}

/** Documents without a kind are the v1alpha1 config (Talos reads them so). */
export const isV1alpha1 = (d: Obj): boolean => typeof d.kind !== 'string'

const memo = new Map<string, ConfigFacts>()

export function configFacts(text: string | undefined): ConfigFacts {
  if (!text) return { nameservers: [], interfaces: [] }
  const hit = memo.get(text)
  if (hit) return hit
  const docs = parseDocuments(text).map((d) => d.body)
  const facts = readFacts(
    docs.find(isV1alpha1) ?? {},
    docs.filter((d) => !isV1alpha1(d))
  )
  memo.set(text, facts)
  return facts
}

/** `mac(link.permanent_addr) == "…" || mac(link.hardware_addr) == "…"`; null for anything else. */
export function macTerms(expr: string): MacTerm[] | null {
  const terms: MacTerm[] = []
  for (const part of expr.split('||')) {
    const m = /^\s*mac\(link\.(permanent_addr|hardware_addr)\)\s*==\s*"([0-9a-fA-F:]+)"\s*$/.exec(part)
    if (!m) return null
    terms.push({ field: m[1] === 'permanent_addr' ? 'permanentAddr' : 'hardwareAddr', mac: m[2]!.toLowerCase() })
  }
  return terms
}

function v1alpha1Interfaces(network: Obj): ConfigInterface[] {
  return (Array.isArray(network.interfaces) ? network.interfaces : []).map((raw): ConfigInterface => {
    const i = obj(raw)
    return {
      interface: str(i.interface),
      deviceSelector: i.deviceSelector ? obj(i.deviceSelector) : undefined,
      dhcp: typeof i.dhcp === 'boolean' ? i.dhcp : undefined,
      addresses: strs(i.addresses),
      routes: (Array.isArray(i.routes) ? i.routes : []).map((r) => {
        const o = obj(r)
        return { network: str(o.network) ?? '', gateway: str(o.gateway), metric: typeof o.metric === 'number' ? o.metric : undefined }
      }),
      vip: str(obj(i.vip).ip),
      mtu: typeof i.mtu === 'number' ? i.mtu : undefined
    }
  })
}

/** LinkConfig documents as interfaces: a name that a LinkAliasConfig defines selects by MAC. */
function documentInterfaces(docs: Obj[]): ConfigInterface[] {
  const ofKind = (k: string) => docs.filter((d) => d.kind === k)
  const aliases = new Map(ofKind('LinkAliasConfig').map((d) => [str(d.name), macTerms(str(obj(d.selector).match) ?? '') ?? []]))
  const vips = ofKind('Layer2VIPConfig')
  return ofKind('LinkConfig').map((d): ConfigInterface => {
    const name = str(d.name) ?? ''
    const list = (v: unknown) => (Array.isArray(v) ? v.map(obj) : [])
    return {
      ...(aliases.has(name) ? { macTerms: aliases.get(name) } : { interface: name }),
      addresses: list(d.addresses)
        .map((a) => str(a.address) ?? '')
        .filter(Boolean),
      routes: list(d.routes).map((r) => ({
        network: str(r.destination) ?? '0.0.0.0/0',
        gateway: str(r.gateway),
        metric: typeof r.metric === 'number' ? r.metric : undefined
      })),
      vip: str(vips.find((v) => v.link === name)?.name),
      mtu: typeof d.mtu === 'number' ? d.mtu : undefined
    }
  })
}

function readFacts(doc: Obj, docs: Obj[]): ConfigFacts {
  const machine = obj(doc.machine)
  const cluster = obj(doc.cluster)
  const network = obj(machine.network)
  const install = obj(machine.install)
  const k8sCa = obj(cluster.ca)
  const hostnameDoc = docs.find((d) => d.kind === 'HostnameConfig')
  const resolvers = docs.filter((d) => d.kind === 'ResolverConfig').flatMap((d) => (Array.isArray(d.nameservers) ? d.nameservers : []))
  return {
    type: str(machine.type),
    clusterName: str(cluster.clusterName),
    endpoint: str(obj(cluster.controlPlane).endpoint),
    ca: str(obj(machine.ca).crt),
    hostname: str(hostnameDoc?.hostname) ?? str(network.hostname),
    nameservers: [...strs(network.nameservers), ...resolvers.map((r) => str(obj(r).address) ?? '').filter(Boolean)],
    installDisk: str(install.disk),
    installDiskSelector: install.diskSelector ? obj(install.diskSelector) : undefined,
    installImage: str(install.image),
    interfaces: [...v1alpha1Interfaces(network), ...documentInterfaces(docs)],
    k8sCa: { crt: str(k8sCa.crt), key: str(k8sCa.key) }
  }
}

export function configVips(text: string | undefined): string[] {
  if (!text) return []
  return configFacts(text)
    .interfaces.map((i) => i.vip)
    .filter((v): v is string => !!v)
}
