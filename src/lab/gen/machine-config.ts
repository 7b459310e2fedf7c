import { stringify } from 'yaml'
import { fromBase64, issue, toBase64 } from '../pki/certs'
import type { Talosconfig } from '../talosctl/talosconfig'
import { knowsNetworkDocuments } from '../talosctl/versions'
import type { SecretsBundle } from './secrets'

/**
 * Plausible v1alpha1 machine configs, as `talosctl gen config` lays them out (4-space YAML).
 * What matters to the lab and to callers: machine.type, machine.ca (whose crt the talosconfig
 * carries as its CA), install disk and image, cluster name, endpoint and the Kubernetes CA.
 */

export interface GenInput {
  clusterName: string
  endpoint: string
  secrets: SecretsBundle
  kubernetesVersion: string
  installDisk: string
  installImage: string
  additionalSans: string[]
  dnsDomain: string
  /** What `--talos-version` asked for (default: the client's own); 1.12+ changes the layout. */
  contract: string
}

export function machineConfig(type: 'controlplane' | 'worker', g: GenInput): Record<string, unknown> {
  const s = g.secrets
  const cp = type === 'controlplane'
  const k8s = g.kubernetesVersion.replace(/^v/, '')
  const endpointHost = new URL(g.endpoint).hostname
  const machine: Record<string, unknown> = {
    type,
    token: s.trustdinfo.token,
    ca: { crt: s.certs.os.crt, key: cp ? s.certs.os.key : '' },
    certSANs: [...g.additionalSans],
    kubelet: { image: `ghcr.io/siderolabs/kubelet:v${k8s}`, defaultRuntimeSeccompProfileEnabled: true, disableManifestsDirectory: true },
    network: {},
    install: { disk: g.installDisk, image: g.installImage, wipe: false },
    features: {
      rbac: true,
      stableHostname: true,
      apidCheckExtKeyUsage: true,
      diskQuotaSupport: true,
      kubePrism: { enabled: true, port: 7445 },
      hostDNS: { enabled: true, forwardKubeDNSToHost: true }
    }
  }
  if (cp) machine.nodeLabels = { 'node.kubernetes.io/exclude-from-external-load-balancers': '' }
  const cluster: Record<string, unknown> = {
    id: s.cluster.id,
    secret: s.cluster.secret,
    controlPlane: { endpoint: g.endpoint },
    clusterName: g.clusterName,
    network: { dnsDomain: g.dnsDomain, podSubnets: ['10.244.0.0/16'], serviceSubnets: ['10.96.0.0/12'] },
    token: s.secrets.bootstraptoken,
    ca: { crt: s.certs.k8s.crt, key: cp ? s.certs.k8s.key : '' }
  }
  if (cp) {
    Object.assign(cluster, {
      secretboxEncryptionSecret: s.secrets.secretboxencryptionsecret,
      aggregatorCA: { crt: s.certs.k8saggregator.crt, key: s.certs.k8saggregator.key },
      serviceAccount: { key: s.certs.k8sserviceaccount.key },
      apiServer: { image: `registry.k8s.io/kube-apiserver:v${k8s}`, certSANs: [endpointHost, ...g.additionalSans] },
      controllerManager: { image: `registry.k8s.io/kube-controller-manager:v${k8s}` },
      proxy: { image: `registry.k8s.io/kube-proxy:v${k8s}` },
      scheduler: { image: `registry.k8s.io/kube-scheduler:v${k8s}` },
      discovery: { enabled: true, registries: { kubernetes: { disabled: true }, service: {} } },
      etcd: { ca: { crt: s.certs.etcd.crt, key: s.certs.etcd.key } }
    })
  }
  cluster.extraManifests = []
  cluster.inlineManifests = []
  return { version: 'v1alpha1', debug: false, persist: true, machine, cluster }
}

/**
 * The documents of a generated config. From the 1.12 contract on, the stable hostname moves
 * from machine.features into a HostnameConfig document, and the install section gains
 * grubUseUKICmdline (a key 1.11 does not know).
 */
export function machineConfigDocuments(type: 'controlplane' | 'worker', g: GenInput): Record<string, unknown>[] {
  const doc = machineConfig(type, g)
  if (!knowsNetworkDocuments(g.contract)) return [doc]
  const machine = doc.machine as { install: Record<string, unknown>; features: Record<string, unknown> }
  delete machine.features.stableHostname
  machine.install.grubUseUKICmdline = true
  return [doc, { apiVersion: 'v1alpha1', kind: 'HostnameConfig', auto: 'stable' }]
}

export function renderConfig(doc: unknown): string {
  return stringify(doc, { indent: 4, lineWidth: 0 })
}

/** Several documents, separated as talosctl writes them. */
export function renderDocuments(docs: readonly unknown[]): string {
  return docs.map((d) => renderConfig(d)).join('---\n')
}

/** The admin talosconfig: the OS CA and a client certificate it signed (O=os:admin). */
export function adminTalosconfig(clusterName: string, secrets: SecretsBundle): Talosconfig {
  const osCa = { crt: fromBase64(secrets.certs.os.crt), key: fromBase64(secrets.certs.os.key) }
  const admin = issue({ kind: 'ed25519', subject: { O: 'os:admin' }, days: 365, usages: ['clientAuth'] }, osCa)
  return {
    context: clusterName,
    contexts: { [clusterName]: { endpoints: [], ca: secrets.certs.os.crt, crt: toBase64(admin.crt), key: toBase64(admin.key) } }
  }
}
