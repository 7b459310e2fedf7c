import { adminTalosconfig, machineConfig, renderConfig } from './gen/machine-config'
import { generateSecrets } from './gen/secrets'
import type { MachineInput } from './model'
import { LAB_GATEWAY, assemble, cpu } from './presets/assemble'
import { loop0, nic, nvmeDisk, sataDisk, usbStick } from './presets/parts'
import type { Talosconfig } from './talosctl/talosconfig'

/**
 * Machine presets: the shapes an operator's pile of machines really has. Each answers on its
 * own loopback address in 127.0.10.0/24 (gateway 127.0.10.1), which Linux lets tests bind and
 * dial without aliases. Pass `ip` to place one elsewhere.
 */

export const PRESET_IPS = {
  'nvme-mini-pc': '127.0.10.11',
  'sata-tower': '127.0.10.12',
  'virtio-vm': '127.0.10.13',
  'emmc-board': '127.0.10.14',
  'iso-cd-machine': '127.0.10.15',
  'readonly-disk': '127.0.10.16',
  'bonded-nics': '127.0.10.17',
  'link-down-nic': '127.0.10.18',
  'configured-node': '127.0.10.19'
} as const
export type PresetName = keyof typeof PRESET_IPS

const intel226 = {
  driver: 'igc',
  vendor: 'Intel Corporation',
  product: 'Ethernet Controller I226-V',
  vendorID: '0x8086',
  productID: '0x125c',
  firmwareVersion: '2017:888d',
  speedMbit: 2500
}
const intel219 = {
  driver: 'e1000e',
  vendor: 'Intel Corporation',
  product: 'Ethernet Connection (17) I219-LM',
  vendorID: '0x8086',
  productID: '0x1a1c',
  firmwareVersion: '0.6-4',
  speedMbit: 1000
}
const realtek = {
  driver: 'r8169',
  vendor: 'Realtek Semiconductor Co., Ltd.',
  product: 'RTL8111/8168/8211/8411 PCI Express Gigabit Ethernet Controller',
  vendorID: '0x10ec',
  productID: '0x8168',
  firmwareVersion: 'rtl8168h-2_0.0.2 02/26/15',
  speedMbit: 1000
}
const x710 = {
  driver: 'i40e',
  vendor: 'Intel Corporation',
  product: 'Ethernet Controller X710 for 10GbE SFP+',
  vendorID: '0x8086',
  productID: '0x1572',
  firmwareVersion: '9.20 0x8000d8c5 1.3429.0',
  speedMbit: 10000
}
const nuc = {
  manufacturer: 'Intel(R) Client Systems',
  productName: 'NUC12WSHi5',
  version: 'M46425-302',
  serialnumber: 'G6WS23400ABC',
  uuid: '5e0a1c2e-4b3d-11ee-9d4a-88aedd0a1b2c',
  wakeUpType: 'Power Switch',
  skuNumber: 'RNUC12WSHi5000'
}

/** Where a preset is placed: its address and the gateway of its /24. */
interface Place {
  ip: string
  gateway: string
}

const BUILDERS: Record<PresetName, (at: Place) => MachineInput> = {
  /** NVMe mini PC booted from the USB stick that is still plugged in. */
  'nvme-mini-pc': (at) =>
    assemble({
      id: 'nvme-mini-pc',
      ...at,
      hostname: 'talos-2gd-7ph',
      leaseOn: 'enp1s0',
      disks: [
        loop0(),
        nvmeDisk({
          model: 'Samsung SSD 980 PRO 1TB',
          serial: 'S5GXNF0R123456A',
          size: 1_000_204_886_016,
          eui: '002538b111b2c3d4',
          pci: '0000:00:1d.0/0000:3d:00.0',
          seq: 1
        }),
        usbStick({ id: 'sda', model: 'SanDisk 3.2Gen1', serial: '0401a1b2c3d4e5f6', size: 30_752_636_928, seq: 2 })
      ],
      links: [nic({ name: 'enp1s0', index: 2, mac: 'a8:b8:e0:04:12:7c', busPath: '0000:01:00.0', ...intel226 })],
      cpu: cpu('Intel(R) Corporation', '12th Gen Intel(R) Core(TM) i5-1240P', 12, 16, 4400),
      memoryMiB: [16384, 16384],
      system: nuc
    }),
  /** Tower with a SATA SSD for the system and a big HDD meant for data; PXE-booted. */
  'sata-tower': (at) =>
    assemble({
      id: 'sata-tower',
      ...at,
      hostname: 'talos-k4m-q9x',
      talosVersion: 'v1.10.9',
      leaseOn: 'eno1',
      disks: [
        loop0(),
        sataDisk({ id: 'sda', model: 'Samsung SSD 870 EVO 500GB', size: 500_107_862_016, wwn: '5002538f41234567', port: 1, seq: 1 }),
        sataDisk({
          id: 'sdb',
          model: 'WDC WD40EFRX-68N32N0',
          size: 4_000_787_030_016,
          wwn: '50014ee2b5c8d9e0',
          port: 2,
          seq: 2,
          rotational: true,
          content: 'xfs'
        })
      ],
      links: [nic({ name: 'eno1', index: 2, mac: '3c:ec:ef:11:22:33', busPath: '0000:00:1f.6', ...intel219 })],
      cpu: cpu('Intel(R) Corporation', 'Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz', 6, 12, 4600),
      memoryMiB: [8192, 8192, 8192, 8192],
      system: {
        manufacturer: 'Dell Inc.',
        productName: 'Precision Tower 3620',
        serialnumber: '7XK2QH2',
        uuid: '4c4c4544-0058-4b10-8032-b7c04f514832',
        wakeUpType: 'Power Switch',
        skuNumber: '06B7'
      }
    }),
  /** A QEMU/Proxmox VM: virtio disk and NIC (speed unknown), old Talos (v1.9: no symlinks). */
  'virtio-vm': (at) =>
    assemble({
      id: 'virtio-vm',
      ...at,
      hostname: 'talos-7vn-c2d',
      talosVersion: 'v1.9.6',
      leaseOn: 'ens18',
      disks: [
        loop0(),
        {
          id: 'vda',
          size: 68_719_476_736,
          modalias: 'virtio:d00000002v00001AF4',
          transport: 'virtio',
          bus_path: '/pci0000:00/0000:00:05.0/virtio2',
          sub_system: '/sys/class/block',
          symlinks: ['/dev/disk/by-diskseq/1', '/dev/disk/by-path/pci-0000:00:05.0', '/dev/disk/by-path/virtio-pci-0000:00:05.0']
        }
      ],
      links: [
        {
          ...nic({
            name: 'ens18',
            index: 2,
            mac: 'bc:24:11:5a:6b:7c',
            busPath: '0000:00:12.0',
            driver: 'virtio_net',
            vendor: 'Red Hat, Inc.',
            product: 'Virtio network device',
            vendorID: '0x1af4',
            productID: '0x1000'
          }),
          speedMbit: 4294967295,
          duplex: 'Unknown',
          port: 'Other',
          firmwareVersion: undefined,
          driverVersion: '1.0.0'
        }
      ],
      cpu: cpu('QEMU', 'pc-i440fx-9.0', 4, 4, 2000),
      memoryMiB: [8192],
      system: {
        manufacturer: 'QEMU',
        productName: 'Standard PC (i440FX + PIIX, 1996)',
        version: 'pc-i440fx-9.0',
        uuid: '8f1c7e2a-0d3b-4a8e-9b7c-6e5d4c3b2a19',
        wakeUpType: 'Power Switch'
      }
    }),
  /** Small ARM board: eMMC with its two boot partitions, booted from an SD card. */
  'emmc-board': (at) =>
    assemble({
      id: 'emmc-board',
      ...at,
      hostname: 'talos-9rb-e5s',
      leaseOn: 'end0',
      arch: 'arm64',
      disks: [
        loop0(),
        {
          id: 'mmcblk0',
          size: 31_268_536_320,
          model: 'A3A551',
          serial: '0x6b2c1d4e',
          transport: 'mmc',
          bus_path: '/platform/fe2e0000.mmc/mmc_host/mmc0/mmc0:0001',
          sub_system: '/sys/class/block',
          symlinks: ['/dev/disk/by-diskseq/1', '/dev/disk/by-id/mmc-A3A551_0x6b2c1d4e', '/dev/disk/by-path/platform-fe2e0000.mmc']
        },
        {
          id: 'mmcblk0boot0',
          size: 4_194_304,
          readonly: true,
          model: 'A3A551',
          serial: '0x6b2c1d4e',
          transport: 'mmc',
          bus_path: '/platform/fe2e0000.mmc/mmc_host/mmc0/mmc0:0001',
          sub_system: '/sys/class/block',
          symlinks: ['/dev/disk/by-diskseq/2', '/dev/disk/by-path/platform-fe2e0000.mmc-boot0']
        },
        {
          id: 'mmcblk0boot1',
          size: 4_194_304,
          readonly: true,
          model: 'A3A551',
          serial: '0x6b2c1d4e',
          transport: 'mmc',
          bus_path: '/platform/fe2e0000.mmc/mmc_host/mmc0/mmc0:0001',
          sub_system: '/sys/class/block',
          symlinks: ['/dev/disk/by-diskseq/3', '/dev/disk/by-path/platform-fe2e0000.mmc-boot1']
        },
        {
          id: 'mmcblk1',
          size: 15_931_539_456,
          model: 'SC16G',
          serial: '0x1a2b3c4d',
          transport: 'mmc',
          bus_path: '/platform/fe2c0000.mmc/mmc_host/mmc1/mmc1:aaaa',
          sub_system: '/sys/class/block',
          content: 'talos-iso',
          symlinks: ['/dev/disk/by-diskseq/4', '/dev/disk/by-id/mmc-SC16G_0x1a2b3c4d', '/dev/disk/by-path/platform-fe2c0000.mmc']
        }
      ],
      links: [nic({ name: 'end0', index: 2, mac: '2e:4f:1a:8c:33:d0', driver: 'rk_gmac-dwmac', speedMbit: 1000 })],
      cpu: cpu('Rockchip', 'RK3588', 8, 8, 2400),
      memoryMiB: [8192],
      system: { manufacturer: 'Radxa', productName: 'ROCK 5B', uuid: 'b7c1d2e3-f405-4617-a829-3b4c5d6e7f80' }
    }),
  /** Booted from a physical ISO: the CD drive (sr0) is read-only and still holds the disc. */
  'iso-cd-machine': (at) =>
    assemble({
      id: 'iso-cd-machine',
      ...at,
      hostname: 'talos-p3w-h8j',
      leaseOn: 'enp3s0',
      disks: [
        loop0(),
        sataDisk({ id: 'sda', model: 'KINGSTON SA400S37240G', size: 240_057_409_536, wwn: '50026b7784a1b2c3', port: 1, seq: 1 }),
        {
          id: 'sr0',
          size: 313_524_224,
          readonly: true,
          cdrom: true,
          model: 'DVD+-RW GH24NSD1',
          modalias: 'scsi:t-0x05',
          transport: 'sata',
          bus_path: '/pci0000:00/0000:00:17.0/ata2/host1/target1:0:0/1:0:0:0',
          sub_system: '/sys/class/block',
          content: 'talos-iso',
          symlinks: ['/dev/disk/by-diskseq/2', '/dev/disk/by-id/ata-HL-DT-ST_DVD+-RW_GH24NSD1_K1234567', '/dev/disk/by-path/pci-0000:00:17.0-ata-2']
        }
      ],
      links: [nic({ name: 'enp3s0', index: 2, mac: '00:e0:4c:68:01:a2', busPath: '0000:03:00.0', ...realtek })],
      cpu: cpu('Advanced Micro Devices, Inc.', 'AMD Ryzen 5 3400G with Radeon Vega Graphics', 4, 8, 4200),
      memoryMiB: [16384],
      system: {
        manufacturer: 'Micro-Star International Co., Ltd.',
        productName: 'MS-7C52',
        version: '1.0',
        uuid: '0b8d6c4e-2f1a-4e3b-9c5d-7a6b8c9d0e1f',
        wakeUpType: 'Power Switch'
      }
    }),
  /** A write-protected SATA DOM next to a normal SSD: the DOM must never be offered. */
  'readonly-disk': (at) =>
    assemble({
      id: 'readonly-disk',
      ...at,
      hostname: 'talos-x8t-4nq',
      leaseOn: 'eno1',
      disks: [
        loop0(),
        sataDisk({ id: 'sda', model: 'SATADOM-ML 3SE', size: 128_035_676_160, wwn: '5000000000000a1b', port: 1, seq: 1, readonly: true }),
        sataDisk({ id: 'sdb', model: 'Crucial CT1000MX500SSD1', size: 1_000_204_886_016, wwn: '500a0751e1a2b3c4', port: 2, seq: 2 })
      ],
      links: [nic({ name: 'eno1', index: 2, mac: '0c:c4:7a:aa:bb:01', busPath: '0000:00:1f.6', ...intel219 })],
      cpu: cpu('Intel(R) Corporation', 'Intel(R) Xeon(R) E-2224 CPU @ 3.40GHz', 4, 4, 4600),
      memoryMiB: [16384, 16384],
      system: {
        manufacturer: 'Supermicro',
        productName: 'X11SCL-F',
        version: '0123456789',
        serialnumber: '0123456789',
        uuid: '00000000-0000-0000-0000-0cc47aaabb01',
        wakeUpType: 'Power Switch'
      }
    }),
  /** Two 10G ports bonded (802.3ad) by kernel arguments; the lease is on bond0. */
  'bonded-nics': (at) => {
    const mac = '3c:fd:fe:9a:8b:70'
    const slave = (name: string, index: number, own: string, bus: string) => ({
      ...nic({ name, index, mac: own, busPath: bus, ...x710 }),
      hardwareAddr: mac,
      flags: 'UP,BROADCAST,RUNNING,SLAVE,MULTICAST,LOWER_UP',
      slaveKind: 'bond',
      masterIndex: 4,
      port: 'Fibre'
    })
    return assemble({
      id: 'bonded-nics',
      ...at,
      hostname: 'talos-b0n-d2x',
      leaseOn: 'bond0',
      bond0: false,
      disks: [
        loop0(),
        nvmeDisk({
          model: 'Micron 7450 PRO 960GB',
          serial: '2233E8A1B2C3',
          size: 960_197_124_096,
          eui: '000000000000000100a0750123456789',
          pci: '0000:00:01.1/0000:02:00.0',
          seq: 1
        })
      ],
      links: [
        slave('enp1s0f0', 2, mac, '0000:01:00.0'),
        slave('enp1s0f1', 3, '3c:fd:fe:9a:8b:71', '0000:01:00.1'),
        {
          name: 'bond0',
          index: 4,
          type: 'ether',
          kind: 'bond',
          hardwareAddr: mac,
          permanentAddr: '',
          flags: 'UP,BROADCAST,RUNNING,MASTER,MULTICAST,LOWER_UP',
          queueDisc: 'noqueue',
          driver: 'bonding',
          speedMbit: 20000,
          port: 'Other',
          duplex: 'Full',
          bondMaster: {
            mode: '802.3ad',
            hashPolicy: 'layer3+4',
            lacpRate: 'fast',
            arpValidate: 'none',
            arpAllTargets: 'any',
            primaryReselect: 'always',
            failOverMac: 0,
            adSelect: 'stable',
            miimon: 100,
            updelay: 0,
            downdelay: 0,
            arpInterval: 0,
            resendIgmp: 1,
            minLinks: 0,
            lpInterval: 1,
            packetsPerSlave: 1,
            numPeerNotif: 1,
            tlbLogicalLb: 1,
            adActorSysPrio: 65535,
            adUserPortKey: 0,
            peerNotifyDelay: 0
          }
        }
      ],
      cpu: cpu('Advanced Micro Devices, Inc.', 'AMD EPYC 4344P 8-Core Processor', 8, 16, 5300),
      memoryMiB: [32768, 32768],
      system: { manufacturer: 'ASRockRack', productName: 'B650D4U', uuid: '2f9e8d7c-6b5a-4493-8271-605f4e3d2c1b', wakeUpType: 'Power Switch' }
    })
  },
  /** Two NICs, the first without a cable: the lease and default route are on the second. */
  'link-down-nic': (at) =>
    assemble({
      id: 'link-down-nic',
      ...at,
      hostname: 'talos-d0w-n1c',
      leaseOn: 'enp2s0',
      disks: [
        loop0(),
        nvmeDisk({
          model: 'WD Blue SN580 500GB',
          serial: '23456K801234',
          size: 500_107_862_016,
          eui: 'e8238fa6bf530001001b444a41b2c3d4',
          pci: '0000:00:1c.4/0000:04:00.0',
          seq: 1
        })
      ],
      links: [
        nic({ name: 'eno1', index: 2, mac: '54:b2:03:0a:0b:0c', busPath: '0000:00:1f.6', ...intel219, up: false }),
        nic({ name: 'enp2s0', index: 3, mac: '54:b2:03:0a:0b:0d', busPath: '0000:02:00.0', ...realtek })
      ],
      cpu: cpu('Intel(R) Corporation', 'Intel(R) Pentium(R) Silver J5040 CPU @ 2.00GHz', 4, 4, 3200),
      memoryMiB: [8192],
      system: { manufacturer: 'ASUS', productName: 'PN40', uuid: '9a8b7c6d-5e4f-4031-a2b1-c0d9e8f7a6b5', wakeUpType: 'Power Switch' }
    }),
  'configured-node': (at) => configuredNode(at.ip, at.gateway).machine
}

/** A machine that already belongs to another cluster: running, bootstrapped, mTLS only. */
export function configuredNode(ip: string = PRESET_IPS['configured-node'], gateway = LAB_GATEWAY): { machine: MachineInput; talosconfig: Talosconfig } {
  const secrets = generateSecrets()
  const doc = machineConfig('controlplane', {
    clusterName: 'other-cluster',
    endpoint: `https://${ip}:6443`,
    secrets,
    kubernetesVersion: '1.34.1',
    installDisk: '/dev/nvme0n1',
    installImage: 'ghcr.io/siderolabs/installer:v1.11.6',
    additionalSans: [],
    dnsDomain: 'cluster.local',
    contract: 'v1.11.6'
  })
  const machine = doc.machine as Record<string, unknown>
  machine.network = {
    hostname: 'other-cp-1',
    interfaces: [{ interface: 'enp1s0', dhcp: false, addresses: [`${ip}/24`], routes: [{ network: '0.0.0.0/0', gateway }] }]
  }
  const base = BUILDERS['nvme-mini-pc']({ ip, gateway })
  return {
    machine: {
      ...base,
      id: 'configured-node',
      hostname: 'talos-c0n-f1g',
      stage: 'running',
      configured: true,
      bootstrapped: true,
      role: 'controlplane',
      cluster: { name: 'other-cluster', endpoint: `https://${ip}:6443`, ca: secrets.certs.os.crt },
      config: renderConfig(doc),
      systemDisk: 'nvme0n1',
      hardware: { ...base.hardware, disks: (base.hardware.disks ?? []).filter((d) => d.id !== 'sda') }
    },
    talosconfig: adminTalosconfig('other-cluster', secrets)
  }
}

/** One preset, at its usual address or another (its gateway stays 127.0.10.1). */
export function preset(name: PresetName, overrides: Partial<MachineInput> = {}): MachineInput {
  return placed(name, { ip: overrides.ip ?? PRESET_IPS[name], gateway: LAB_GATEWAY }, overrides)
}

/**
 * One preset at its usual host number in another /24, given as its first three octets
 * ('127.1.10' → 127.1.10.12 for the tower), with its gateway and DNS (.1) there too: parallel
 * e2e workers each run a lab of their own, and a machine whose route leaves its subnet would
 * look misconfigured.
 */
export function presetIn(block: string, name: PresetName, overrides: Partial<MachineInput> = {}): MachineInput {
  if (!/^\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(block)) throw new Error(`presetIn takes a /24 as its first three octets, like 127.1.10, not ${block}`)
  return placed(name, { ip: presetIpIn(block, name), gateway: `${block}.1` }, overrides)
}

/** Where presetIn puts a preset: its usual host number in `block`. */
export function presetIpIn(block: string, name: PresetName): string {
  return `${block}.${PRESET_IPS[name].split('.')[3]}`
}

function placed(name: PresetName, at: Place, overrides: Partial<MachineInput>): MachineInput {
  const m = BUILDERS[name](at)
  return { ...m, ...overrides, ip: at.ip, dhcpIp: overrides.dhcpIp ?? at.ip }
}

export const PRESET_NAMES = Object.keys(PRESET_IPS) as PresetName[]

/** Every preset at its usual address. */
export function allPresets(): MachineInput[] {
  return PRESET_NAMES.map((n) => preset(n))
}
