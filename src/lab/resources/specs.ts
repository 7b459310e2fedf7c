import type { Address, Disk, Link, Route } from '../model'

/**
 * Spec objects with keys in Talos' declaration order (what `-o yaml` shows; JSON sorts them).
 * `omitempty` fields are left out when empty, the others are always present.
 */

type Spec = Record<string, unknown>

function put(spec: Spec, key: string, value: unknown, omitEmpty: boolean): void {
  const empty = value === undefined || value === '' || value === false || value === 0 || (Array.isArray(value) && value.length === 0)
  if (omitEmpty && empty) return
  spec[key] = value
}

/** go-humanize Bytes: SI units, one decimal below 10. */
export function prettySize(bytes: number): string {
  if (bytes < 10) return `${bytes} B`
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB']
  const e = Math.floor(Math.log(bytes) / Math.log(1000))
  const val = Math.floor((bytes / 1000 ** e) * 10 + 0.5) / 10
  return val < 10 ? `${val.toFixed(1)} ${units[e]}` : `${val.toFixed(0)} ${units[e]}`
}

export function diskSpec(d: Disk, withSymlinks: boolean): Spec {
  const s: Spec = {}
  put(s, 'dev_path', d.dev_path ?? `/dev/${d.id}`, false)
  put(s, 'size', d.size, false)
  put(s, 'pretty_size', d.pretty_size ?? prettySize(d.size), false)
  put(s, 'io_size', d.io_size, false)
  put(s, 'sector_size', d.sector_size, false)
  put(s, 'readonly', d.readonly, false)
  put(s, 'cdrom', d.cdrom, false)
  for (const k of ['model', 'serial', 'modalias', 'wwid', 'uuid', 'bus_path', 'sub_system', 'transport'] as const) put(s, k, d[k], true)
  put(s, 'rotational', d.rotational, true)
  put(s, 'secondary_disks', d.secondary_disks, true)
  if (withSymlinks) put(s, 'symlinks', d.symlinks, true)
  return s
}

export function linkSpec(l: Link): Spec {
  const s: Spec = {}
  put(s, 'alias', l.alias, true)
  put(s, 'altNames', l.altNames, true)
  for (const k of ['index', 'type', 'linkIndex', 'flags', 'hardwareAddr', 'permanentAddr', 'broadcastAddr', 'mtu', 'queueDisc'] as const) {
    put(s, k, l[k], false)
  }
  put(s, 'masterIndex', l.masterIndex, true)
  put(s, 'operationalState', l.operationalState, false)
  put(s, 'kind', l.kind, false)
  put(s, 'slaveKind', l.slaveKind, false)
  for (const k of ['busPath', 'pciID', 'driver', 'driverVersion', 'firmwareVersion', 'productID', 'vendorID', 'product', 'vendor'] as const) {
    put(s, k, l[k], true)
  }
  put(s, 'linkState', l.linkState, false)
  put(s, 'speedMbit', l.speedMbit, true)
  put(s, 'port', l.port, false)
  put(s, 'duplex', l.duplex, false)
  if (l.bondMaster) s.bondMaster = l.bondMaster
  return s
}

export function routeSpec(r: Route): Spec {
  const s: Spec = {}
  put(s, 'family', r.family, false)
  put(s, 'dst', r.dst, false)
  put(s, 'src', r.src, false)
  put(s, 'gateway', r.gateway, false)
  put(s, 'outLinkIndex', r.outLinkIndex, true)
  put(s, 'outLinkName', r.outLinkName, true)
  for (const k of ['table', 'priority', 'scope', 'type', 'flags', 'protocol'] as const) put(s, k, r[k], false)
  put(s, 'mtu', r.mtu, true)
  return s
}

export function addressSpec(a: Address): Spec {
  return {
    address: a.address,
    linkIndex: a.linkIndex,
    linkName: a.linkName,
    family: a.family,
    scope: a.scope,
    flags: a.flags,
    priority: a.priority
  }
}

/** Hardware specs: every key is omitempty. */
export function omitEmpty(o: Record<string, unknown>): Spec {
  const s: Spec = {}
  for (const [k, v] of Object.entries(o)) put(s, k, v, true)
  return s
}
