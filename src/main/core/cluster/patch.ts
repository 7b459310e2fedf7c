import { stringify } from 'yaml'
import type { ClusterSettings } from '../../../shared/contract/cluster'
import { AppError } from '../../../shared/errors'
import type { NodeRecord } from '../nodes/model'
import { prefixLength } from '../nodes/rules'

/**
 * The per-node machine-config patch, built as an object and serialized by the YAML library —
 * never a string template — so no value an operator typed can add a key, a document or a
 * template expression (reference talos.md §7).
 */

export const VANILLA_INSTALLER = 'ghcr.io/siderolabs/installer'
export const FACTORY_INSTALLER = 'factory.talos.dev/metal-installer'

/** The installer that keeps the boot media's extensions: same schematic, same version. */
export function installerImage(version: string, schematicId: string | null): string {
  return schematicId ? `${FACTORY_INSTALLER}/${schematicId}:${version}` : `${VANILLA_INSTALLER}:${version}`
}

export type PatchNode = Pick<NodeRecord, 'hostname' | 'role' | 'mac' | 'interface' | 'disk' | 'targetIp' | 'version' | 'schematicId'>
export type PatchSettings = Pick<
  ClusterSettings,
  'vip' | 'talosVersion' | 'schematicId' | 'network' | 'allowSchedulingOnControlPlanes'
>

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

export function buildNodePatch(n: PatchNode, s: PatchSettings): Record<string, unknown> {
  const missing = missingForPatch(n, s)
  if (missing.length) {
    throw new AppError(
      'VALIDATION',
      `${n.hostname} cannot be configured yet: set ${missing.join(', ')}. ` +
        `Node fields change with "wild node update", cluster ones with "wild cluster config".`,
      { missing }
    )
  }
  const controlPlane = n.role === 'controlplane'
  const iface: Record<string, unknown> = {
    // Selected by MAC: names like enp1s0 can change with firmware or kernel, the MAC does not.
    deviceSelector: { hardwareAddr: n.mac },
    dhcp: false,
    addresses: [`${n.targetIp}/${prefixLength(s.network.subnet!)}`],
    routes: [{ network: '0.0.0.0/0', gateway: s.network.gateway }]
  }
  if (controlPlane) iface.vip = { ip: s.vip }
  const network: Record<string, unknown> = { hostname: n.hostname }
  if (s.network.dnsServers.length) network.nameservers = [...s.network.dnsServers]
  network.interfaces = [iface]
  const patch: Record<string, unknown> = {
    machine: {
      network,
      install: {
        disk: n.disk,
        image: installerImage(n.version ?? s.talosVersion, n.schematicId ?? s.schematicId)
      }
    }
  }
  if (controlPlane && s.allowSchedulingOnControlPlanes) patch.cluster = { allowSchedulingOnControlPlanes: true }
  return patch
}

export function patchYaml(patch: Record<string, unknown>): string {
  return stringify(patch, { lineWidth: 0 })
}
