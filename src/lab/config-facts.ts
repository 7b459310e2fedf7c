import { parse } from 'yaml'

/** Facts the lab reads from a v1alpha1 machine config; parsing is memoised per text. */

export interface ConfigInterface {
  interface?: string
  deviceSelector?: Record<string, unknown>
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
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {})
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])

const memo = new Map<string, ConfigFacts>()

export function configFacts(text: string | undefined): ConfigFacts {
  if (!text) return { nameservers: [], interfaces: [] }
  const hit = memo.get(text)
  if (hit) return hit
  const facts = readFacts(parseConfig(text))
  memo.set(text, facts)
  return facts
}

/** First document only: the v1alpha1 config. Throws on YAML that does not parse. */
export function parseConfig(text: string): Obj {
  return obj(parse(text.split(/^---\s*$/m)[0] ?? ''))
}

function readFacts(doc: Obj): ConfigFacts {
  const machine = obj(doc.machine)
  const cluster = obj(doc.cluster)
  const network = obj(machine.network)
  const install = obj(machine.install)
  const interfaces = (Array.isArray(network.interfaces) ? network.interfaces : []).map((raw): ConfigInterface => {
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
  const k8sCa = obj(cluster.ca)
  return {
    type: str(machine.type),
    clusterName: str(cluster.clusterName),
    endpoint: str(obj(cluster.controlPlane).endpoint),
    ca: str(obj(machine.ca).crt),
    hostname: str(network.hostname),
    nameservers: strs(network.nameservers),
    installDisk: str(install.disk),
    installDiskSelector: install.diskSelector ? obj(install.diskSelector) : undefined,
    installImage: str(install.image),
    interfaces,
    k8sCa: { crt: str(k8sCa.crt), key: str(k8sCa.key) }
  }
}

export function configVips(text: string | undefined): string[] {
  if (!text) return []
  return configFacts(text)
    .interfaces.map((i) => i.vip)
    .filter((v): v is string => !!v)
}

/** The address the machine takes after install: the first static address, without its prefix. */
export function configStaticIp(text: string | undefined): string | undefined {
  for (const i of configFacts(text).interfaces) {
    const first = i.addresses[0]
    if (first) return first.split('/')[0]
  }
  return undefined
}
