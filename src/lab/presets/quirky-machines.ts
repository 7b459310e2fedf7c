import { assemble, cpu, type PresetBuilder } from './assemble'
import { intel219, realtek, x710 } from './hardware-ids'
import { loop0, nic, nvmeDisk, sataDisk } from './parts'

/** Presets of machines with a quirk the installer must not trip on: read-only media, bonds, a dead link. */

export const QUIRKY_MACHINES = {
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
    })
} satisfies Record<string, PresetBuilder>
