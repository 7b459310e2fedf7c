import { adminTalosconfig, machineConfig, renderConfig } from './gen/machine-config'
import { generateSecrets } from './gen/secrets'
import type { MachineInput } from './model'
import { LAB_GATEWAY, type Place, type PresetBuilder } from './presets/assemble'
import { ORDINARY_MACHINES } from './presets/ordinary-machines'
import { QUIRKY_MACHINES } from './presets/quirky-machines'
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

const BUILDERS: Record<PresetName, PresetBuilder> = {
  ...ORDINARY_MACHINES,
  ...QUIRKY_MACHINES,
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
