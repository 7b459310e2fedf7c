import { assemble, cpu, type PresetBuilder } from './assemble'
import { intel219, intel226, nuc } from './hardware-ids'
import { loop0, nic, nvmeDisk, sataDisk, usbStick } from './parts'

// Presets of everyday machines, one per kind of platform and boot medium.

/** The eMMC's two read-only hardware boot areas, listed by Talos beside the main device. */
function emmcBootArea(n: 0 | 1) {
  return {
    id: `mmcblk0boot${n}`,
    size: 4_194_304,
    readonly: true,
    model: 'A3A551',
    serial: '0x6b2c1d4e',
    transport: 'mmc',
    bus_path: '/platform/fe2e0000.mmc/mmc_host/mmc0/mmc0:0001',
    sub_system: '/sys/class/block',
    symlinks: [`/dev/disk/by-diskseq/${n + 2}`, `/dev/disk/by-path/platform-fe2e0000.mmc-boot${n}`]
  }
}

export const ORDINARY_MACHINES = {
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
        emmcBootArea(0),
        emmcBootArea(1),
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
    })
} satisfies Record<string, PresetBuilder>
