import { stringify } from 'yaml'
import type { ClusterSettings } from '../../shared/contract/cluster'
import { AppError } from '../../shared/errors'
import type { NodeRecord } from '../nodes/model'
import { prefixLength } from '../nodes/rules'
import { VANILLA_SCHEMATIC_ID } from '../assets/catalog'
import { factoryInstaller } from '../boards/media'
import { knowsDocuments, networkForm } from './config-form'

/**
 * The per-node machine-config patch, built as an object and serialized by the YAML library —
 * never a string template — so no value an operator typed can add a key, a document or a
 * template expression (reference talos.md §7).
 */

export const VANILLA_INSTALLER = 'ghcr.io/siderolabs/installer'
export const FACTORY_INSTALLER = 'factory.talos.dev/metal-installer'

/**
 * The installer that keeps the boot media's extensions (and a board's overlay): same schematic,
 * same version. A Secure Boot machine needs the signed installer, which only the factory builds.
 */
export function installerImage(version: string, schematicId: string | null, secureBoot = false): string {
  if (secureBoot) return factoryInstaller({ schematicId: schematicId ?? VANILLA_SCHEMATIC_ID, version, secureBoot })
  return schematicId ? `${FACTORY_INSTALLER}/${schematicId}:${version}` : `${VANILLA_INSTALLER}:${version}`
}

export type PatchNode = Pick<NodeRecord, 'hostname' | 'role' | 'mac' | 'interface' | 'disk' | 'targetIp' | 'version' | 'schematicId'>
export type PatchSettings = Pick<ClusterSettings, 'vip' | 'talosVersion' | 'schematicId' | 'network' | 'allowSchedulingOnControlPlanes'>

/** What is still missing before a node's patch can be built, in the operator's words. */
export function missingForPatch(n: PatchNode, s: PatchSettings): string[] {
  const missing: string[] = []
  if (!n.targetIp) missing.push('its target IP')
  if (!n.mac) missing.push('its MAC address (detect its hardware, or set --mac)')
  if (!n.disk) missing.push('its install disk (detect its hardware, or set --disk)')
  if (!s.network.subnet) missing.push('the cluster subnet')
  if (!s.network.gateway) missing.push('the cluster gateway')
  if (!s.vip) missing.push('the control-plane VIP')
  return missing
}

/** One YAML document of a patch: the v1alpha1 strategic merge, or a named config document. */
export type PatchDoc = Record<string, unknown>

/**
 * The alias the node's network port gets from LinkAliasConfig; the other documents name it.
 * Not a kernel name (eth0, enp1s0): the docs warn those can clash with real links.
 */
export const LINK_ALIAS = 'net0'

/**
 * Selected by MAC, never by a name firmware or a kernel can change. The burned-in address first;
 * some NICs report none, so the current one too (only physical links are aliased, so a bond
 * that borrowed the MAC does not match).
 */
export function macSelector(mac: string): string {
  const m = mac.toLowerCase()
  return `mac(link.permanent_addr) == "${m}" || mac(link.hardware_addr) == "${m}"`
}

type Ready = PatchNode & { mac: string; targetIp: string; disk: string }
type ReadySettings = PatchSettings & { vip: string; network: { subnet: string; gateway: string; dnsServers: string[] } }

function v1alpha1Network(n: Ready, s: ReadySettings): Record<string, unknown> {
  const iface: Record<string, unknown> = {
    // Selected by MAC: names like enp1s0 can change with firmware or kernel, the MAC does not.
    deviceSelector: { hardwareAddr: n.mac },
    dhcp: false,
    addresses: [`${n.targetIp}/${prefixLength(s.network.subnet)}`],
    routes: [{ network: '0.0.0.0/0', gateway: s.network.gateway }]
  }
  if (n.role === 'controlplane') iface.vip = { ip: s.vip }
  const network: Record<string, unknown> = { hostname: n.hostname }
  if (s.network.dnsServers.length) network.nameservers = [...s.network.dnsServers]
  network.interfaces = [iface]
  return network
}

/** The v1.12 documents (docs: HostnameConfig, LinkAliasConfig, LinkConfig, Layer2VIPConfig, ResolverConfig). */
function networkDocuments(n: Ready, s: ReadySettings): PatchDoc[] {
  const doc = (kind: string, body: Record<string, unknown>): PatchDoc => ({ apiVersion: 'v1alpha1', kind, ...body })
  const docs: PatchDoc[] = [
    // The generated config carries `auto: stable`; a static hostname conflicts with it unless off.
    doc('HostnameConfig', { hostname: n.hostname, auto: 'off' }),
    doc('LinkAliasConfig', { name: LINK_ALIAS, selector: { match: macSelector(n.mac) } }),
    doc('LinkConfig', {
      name: LINK_ALIAS,
      up: true,
      addresses: [{ address: `${n.targetIp}/${prefixLength(s.network.subnet)}` }],
      // No destination: the default route.
      routes: [{ gateway: s.network.gateway }]
    })
  ]
  if (n.role === 'controlplane') docs.push(doc('Layer2VIPConfig', { name: s.vip, link: LINK_ALIAS }))
  if (s.network.dnsServers.length) docs.push(doc('ResolverConfig', { nameservers: s.network.dnsServers.map((address) => ({ address })) }))
  return docs
}

/**
 * The node's patch as YAML documents. `receiving` is the Talos version of the machine that takes
 * the config (its maintenance version, or what it runs); null when unknown. The base configs
 * are generated for the cluster's version, so when that is 1.12+ and the node gets v1alpha1
 * fields, the patch also removes what an older reader rejects: the generated HostnameConfig
 * document (it also conflicts with machine.network.hostname) and install.grubUseUKICmdline.
 */
/** What the generated base config holds that an older Talos rejects. */
export interface BaseFacts {
  hostnameConfig: boolean
  grubUseUKICmdline: boolean
}

/** Without the file: what gen config writes for the cluster's contract (1.12+ has both). */
export function expectedBase(talosVersion: string): BaseFacts {
  const newer = knowsDocuments(talosVersion)
  return { hostnameConfig: newer, grubUseUKICmdline: newer }
}

export function buildNodePatch(
  n: PatchNode,
  s: PatchSettings,
  receiving: string | null = null,
  base: BaseFacts = expectedBase(s.talosVersion),
  media: { secureBoot?: boolean } = {}
): PatchDoc[] {
  const missing = missingForPatch(n, s)
  if (missing.length) {
    throw new AppError(
      'VALIDATION',
      `${n.hostname} cannot be configured yet: set ${missing.join(', ')}. ` +
        `Node fields change with "wild node update", cluster ones with "wild cluster config".`,
      { missing }
    )
  }
  const node = n as Ready
  const settings = s as ReadySettings
  const form = networkForm(receiving, n.version ?? s.talosVersion)
  const install: Record<string, unknown> = {
    disk: node.disk,
    image: installerImage(n.version ?? s.talosVersion, n.schematicId ?? s.schematicId, media.secureBoot === true)
  }
  // Deletes only what the base holds: deleting a missing key or document is an error of its own.
  if (form === 'v1alpha1' && base.grubUseUKICmdline) install.grubUseUKICmdline = { $patch: 'delete' }
  const machine: Record<string, unknown> = form === 'v1alpha1' ? { network: v1alpha1Network(node, settings), install } : { install }
  const main: PatchDoc = { machine }
  if (n.role === 'controlplane' && s.allowSchedulingOnControlPlanes) main.cluster = { allowSchedulingOnControlPlanes: true }
  if (form === 'documents') return [main, ...networkDocuments(node, settings)]
  return base.hostnameConfig ? [main, { apiVersion: 'v1alpha1', kind: 'HostnameConfig', $patch: 'delete' }] : [main]
}

export function patchYaml(docs: readonly PatchDoc[]): string {
  return docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n')
}
