import type { DiskInfo, HardwareInfo, InterfaceInfo } from '@shared/contract/talos'

/** One detected machine (two NICs, an NVMe candidate, the USB stick it booted from). */
export const disk = (path: string, candidate: boolean, reason?: string): DiskInfo => ({
  path,
  size: 500e9,
  prettySize: '500 GB',
  model: null,
  serial: null,
  transport: 'nvme',
  rotational: false,
  readonly: false,
  cdrom: false,
  kind: 'nvme',
  systemDisk: false,
  bootMedium: !candidate,
  candidate,
  ...(reason ? { reason } : {})
})
export const iface = (name: string, mac: string): InterfaceInfo => ({
  name,
  mac,
  permanentMac: null,
  state: 'up',
  linkUp: true,
  speedMbit: 1000,
  physical: true,
  type: 'ether',
  kind: '',
  driver: null,
  vendor: null,
  product: null,
  busPath: null,
  master: null,
  addresses: []
})
export const HW: HardwareInfo = {
  ip: '10.5.0.101',
  ipCidr: '10.5.0.101/24',
  interface: 'enp1s0',
  mac: 'aa:bb:cc:00:00:01',
  interfaceReason: 'default route',
  gateway: '10.5.0.1',
  selectedDisk: '/dev/nvme0n1',
  selectedDiskReason: 'the only SSD',
  systemDisk: null,
  maintenanceMode: true,
  talosVersion: 'v1.11.6',
  stage: 'maintenance',
  ready: true,
  hostname: 'talos-abc-def',
  disks: [disk('/dev/nvme0n1', true), disk('/dev/sda', false, 'the USB stick it booted from')],
  interfaces: [iface('enp1s0', 'aa:bb:cc:00:00:01'), iface('enp2s0', 'aa:bb:cc:00:00:02')],
  addresses: [],
  nameservers: [],
  cpu: null,
  memoryBytes: null,
  system: null,
  arch: 'amd64',
  archSource: 'cpu',
  archReason: 'Its CPU is amd64.',
  board: null,
  secureBoot: false
}
