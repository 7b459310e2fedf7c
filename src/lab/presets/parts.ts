import type { Address, Disk, DiskInput, LinkInput, RouteInput } from '../model'

/**
 * Building blocks for machine presets: NICs, the kernel's own virtual links, a DHCP lease's
 * addresses and routes, and disks of each transport, filled the way Talos reports them.
 */

type LinkIn = LinkInput

export function loopback(): LinkIn {
  return {
    name: 'lo',
    index: 1,
    type: 'loopback',
    flags: 'UP,LOOPBACK,RUNNING,LOWER_UP',
    hardwareAddr: '00:00:00:00:00:00',
    permanentAddr: '00:00:00:00:00:00',
    broadcastAddr: '00:00:00:00:00:00',
    mtu: 65536,
    queueDisc: 'noqueue',
    operationalState: 'unknown',
    linkState: true,
    port: 'Other',
    duplex: 'Unknown'
  }
}

export interface NicSpec {
  name: string
  index: number
  mac: string
  driver: string
  vendor?: string
  product?: string
  vendorID?: string
  productID?: string
  busPath?: string
  firmwareVersion?: string
  speedMbit?: number
  up?: boolean
}

/** A physical Ethernet port; a port without carrier has no speed and state "down". */
export function nic(s: NicSpec): LinkIn {
  const up = s.up ?? true
  const pci = s.vendorID && s.productID ? `${s.vendorID.slice(2)}:${s.productID.slice(2)}`.toUpperCase() : undefined
  return {
    name: s.name,
    index: s.index,
    type: 'ether',
    hardwareAddr: s.mac,
    permanentAddr: s.mac,
    flags: up ? 'UP,BROADCAST,RUNNING,MULTICAST,LOWER_UP' : 'UP,BROADCAST,MULTICAST',
    operationalState: up ? 'up' : 'down',
    linkState: up,
    queueDisc: 'mq',
    port: 'TwistedPair',
    duplex: up ? 'Full' : 'Unknown',
    busPath: s.busPath,
    pciID: pci,
    driver: s.driver,
    firmwareVersion: s.firmwareVersion,
    vendorID: s.vendorID,
    productID: s.productID,
    vendor: s.vendor,
    product: s.product,
    ...(up && s.speedMbit ? { speedMbit: s.speedMbit } : {})
  }
}

/** Links the kernel creates by itself on Talos (bonding, dummy and tunnel modules loaded). */
export function kernelLinks(firstIndex: number, opts: { bond0?: boolean } = {}): LinkIn[] {
  const down = { operationalState: 'down' as const, linkState: false, port: 'Other', duplex: 'Unknown' as const, queueDisc: 'noop' }
  const links: LinkIn[] = [
    {
      name: 'dummy0',
      type: 'ether',
      kind: 'dummy',
      flags: 'BROADCAST,NOARP',
      hardwareAddr: '3e:58:73:07:2b:b5',
      permanentAddr: '00:00:00:00:00:00',
      driver: 'dummy',
      index: 0,
      ...down
    },
    {
      name: 'ip6tnl0',
      type: 'tunnel6',
      kind: 'ip6tnl',
      flags: 'NOARP',
      hardwareAddr: '00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00',
      permanentAddr: '',
      broadcastAddr: '00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00',
      mtu: 1452,
      index: 0,
      ...down
    },
    {
      name: 'sit0',
      type: 'sit',
      kind: 'sit',
      flags: 'NOARP',
      hardwareAddr: '00:00:00:00',
      permanentAddr: '',
      broadcastAddr: '00:00:00:00',
      mtu: 1480,
      index: 0,
      ...down
    },
    { name: 'teql0', type: 'void', kind: '', flags: 'NOARP', hardwareAddr: '', permanentAddr: '', broadcastAddr: '', mtu: 1500, index: 0, ...down },
    {
      name: 'tunl0',
      type: 'ipip',
      kind: 'ipip',
      flags: 'NOARP',
      hardwareAddr: '00:00:00:00',
      permanentAddr: '',
      broadcastAddr: '00:00:00:00',
      mtu: 1480,
      index: 0,
      ...down
    }
  ]
  if (opts.bond0) {
    links.unshift({
      name: 'bond0',
      type: 'ether',
      kind: 'bond',
      flags: 'BROADCAST,MULTICAST,MASTER',
      hardwareAddr: '2a:b6:87:5e:f3:fc',
      permanentAddr: '',
      driver: 'bonding',
      index: 0,
      ...down
    })
  }
  return links.map((l, i) => ({ ...l, index: firstIndex + i }))
}

export interface Lease {
  link: string
  linkIndex: number
  ip: string
  prefix: number
  gateway: string
  mac: string
}

/** fe80::/64 address derived from the MAC (EUI-64), as the kernel assigns it. */
export function linkLocal(mac: string): string {
  const b = mac.split(':').map((h) => parseInt(h, 16))
  b[0] = b[0]! ^ 0x02
  const eui = [b[0], b[1], b[2], 0xff, 0xfe, b[3], b[4], b[5]] as number[]
  const groups = [0, 2, 4, 6].map((i) => ((eui[i]! << 8) | eui[i + 1]!).toString(16))
  return `fe80::${groups.join(':')}/64`
}

function network(ip: string, prefix: number): string {
  const n = ip.split('.').reduce((a, o) => a * 256 + Number(o), 0)
  const size = 2 ** (32 - prefix)
  const base = Math.floor(n / size) * size
  return `${[24, 16, 8, 0].map((s) => Math.floor(base / 2 ** s) % 256).join('.')}/${prefix}`
}

export function leaseAddresses(l: Lease): Address[] {
  return [
    { address: '127.0.0.1/8', linkIndex: 1, linkName: 'lo', family: 'inet4', scope: 'host', flags: 'permanent', priority: 0 },
    { address: '::1/128', linkIndex: 1, linkName: 'lo', family: 'inet6', scope: 'host', flags: 'permanent', priority: 0 },
    { address: `${l.ip}/${l.prefix}`, linkIndex: l.linkIndex, linkName: l.link, family: 'inet4', scope: 'global', flags: 'permanent', priority: 1024 },
    { address: linkLocal(l.mac), linkIndex: l.linkIndex, linkName: l.link, family: 'inet6', scope: 'link', flags: 'permanent', priority: 256 }
  ]
}

export function leaseRoutes(l: Lease): RouteInput[] {
  const out = { outLinkIndex: l.linkIndex, outLinkName: l.link }
  return [
    { family: 'inet4', dst: '', src: l.ip, gateway: l.gateway, priority: 1024, scope: 'global', protocol: 'boot', ...out },
    { family: 'inet4', dst: network(l.ip, l.prefix), src: l.ip, priority: 1024, scope: 'link', protocol: 'kernel', ...out },
    { family: 'inet4', dst: `${l.ip}/32`, src: l.ip, table: 'local', priority: 0, scope: 'host', type: 'local', protocol: 'kernel', ...out },
    { family: 'inet6', dst: 'fe80::/64', priority: 256, scope: 'global', protocol: 'kernel', ...out }
  ]
}

type DiskIn = DiskInput

/** The squashfs root of an ISO/PXE boot. */
export const loop0 = (): DiskIn => ({
  id: 'loop0',
  size: 75_001_856,
  readonly: true,
  bus_path: '/virtual',
  sub_system: '/sys/class/block',
  content: 'squashfs'
})

export function nvmeDisk(o: { model: string; serial: string; size: number; eui: string; pci: string; seq: number }): DiskIn {
  return {
    id: 'nvme0n1',
    size: o.size,
    model: o.model,
    serial: o.serial,
    wwid: `eui.${o.eui}`,
    transport: 'nvme',
    bus_path: `/pci0000:00/${o.pci}/nvme`,
    sub_system: '/sys/class/block',
    symlinks: [
      `/dev/disk/by-diskseq/${o.seq}`,
      `/dev/disk/by-id/nvme-${o.model.replace(/ /g, '_')}_${o.serial}`,
      `/dev/disk/by-id/nvme-eui.${o.eui}`,
      `/dev/disk/by-path/pci-${o.pci.split('/').pop()}-nvme-1`
    ]
  }
}

/** A SATA disk behind AHCI: model cut to 16 characters by SCSI INQUIRY, no serial in sysfs. */
export function sataDisk(o: {
  id: string
  model: string
  size: number
  wwn: string
  port: number
  seq: number
  rotational?: boolean
  readonly?: boolean
  content?: Disk['content']
}): DiskIn {
  return {
    id: o.id,
    size: o.size,
    model: o.model.slice(0, 16),
    modalias: 'scsi:t-0x00',
    wwid: `naa.${o.wwn}`,
    transport: 'sata',
    bus_path: `/pci0000:00/0000:00:17.0/ata${o.port}/host${o.port - 1}/target${o.port - 1}:0:0/${o.port - 1}:0:0:0`,
    sub_system: '/sys/class/block',
    readonly: o.readonly ?? false,
    content: o.content ?? 'empty',
    ...(o.rotational ? { rotational: true } : {}),
    symlinks: [
      `/dev/disk/by-diskseq/${o.seq}`,
      `/dev/disk/by-id/ata-${o.model.replace(/ /g, '_')}`,
      `/dev/disk/by-id/wwn-0x${o.wwn}`,
      `/dev/disk/by-path/pci-0000:00:17.0-ata-${o.port}`
    ]
  }
}

export function usbStick(o: { id: string; model: string; serial: string; size: number; seq: number; content?: Disk['content'] }): DiskIn {
  return {
    id: o.id,
    size: o.size,
    model: o.model,
    serial: o.serial,
    modalias: 'scsi:t-0x00',
    transport: 'usb',
    bus_path: '/pci0000:00/0000:00:14.0/usb2/2-2/2-2:1.0/host2/target2:0:0/2:0:0:0',
    sub_system: '/sys/class/block',
    content: o.content ?? 'talos-iso',
    symlinks: [
      `/dev/disk/by-diskseq/${o.seq}`,
      `/dev/disk/by-id/usb-${o.model.replace(/ /g, '_')}_${o.serial}-0:0`,
      '/dev/disk/by-path/pci-0000:00:14.0-usb-0:2:1.0-scsi-0:0:0:0'
    ]
  }
}
