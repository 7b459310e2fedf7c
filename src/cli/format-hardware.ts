import type { HardwareInfo } from '../shared/contract/talos'
import { formatBytes } from '../shared/format'
import { table } from './output'

/** The human view of `wild node detect`: the suggestion and its reasons first, then the lists. */
export function formatHardware(h: HardwareInfo): string {
  const state = h.maintenanceMode ? 'maintenance mode (not configured yet)' : `configured, stage ${h.stage ?? 'unknown'}`
  const head = [`Machine ${h.ip}${h.hostname ? ` (${h.hostname})` : ''}: ${state}, Talos ${h.talosVersion ?? 'version unknown'}`]
  const sys = [
    h.system && [h.system.manufacturer, h.system.productName].filter(Boolean).join(' '),
    h.cpu &&
      [h.cpu.model, h.cpu.cores !== null ? `${h.cpu.cores} cores` : null, h.cpu.threads !== null ? `${h.cpu.threads} threads` : null]
        .filter(Boolean)
        .join(', '),
    h.memoryBytes !== null ? `${formatBytes(h.memoryBytes)} RAM` : null
  ].filter(Boolean)
  if (sys.length) head.push(`Hardware:     ${sys.join('; ')}`)
  head.push(`Architecture: ${h.arch ?? 'unknown (choose it with "wild board media")'}`, `              ${h.archReason}`)
  if (h.board) {
    const o = h.board.overlay
    head.push(
      `Board:        ${h.board.name}${o ? `: needs the overlay ${o.image}:${o.name} ("wild board media <hostname> --arch ${h.board.arch} --overlay ${o.image}:${o.name}")` : ''}`
    )
  }
  if (h.secureBoot) head.push('Secure Boot:  enabled: it needs the Secure Boot ISO and installer ("wild board media <hostname> --arch amd64 --secure-boot")')
  head.push(
    `Interface:    ${h.interface ?? 'none'}${h.mac ? ` ${h.mac}` : ''}${h.gateway ? `, gateway ${h.gateway}` : ''}${h.ipCidr ? `, address ${h.ipCidr}` : ''}`,
    `              ${h.interfaceReason}`,
    `Install disk: ${h.selectedDisk ?? 'none'}`,
    `              ${h.selectedDiskReason}`
  )
  if (h.nameservers.length) head.push(`DNS servers:  ${h.nameservers.join(', ')}`)

  const disks = table(
    ['DISK', 'SIZE', 'KIND', 'MODEL', 'SERIAL', 'USE'],
    h.disks.map((d) => [
      d.path,
      d.prettySize,
      d.kind,
      d.model ?? '',
      d.serial ?? '',
      d.path === h.selectedDisk ? 'suggested' : d.candidate ? 'possible' : `no: ${d.reason ?? ''}`
    ])
  )
  const nics = table(
    ['INTERFACE', 'MAC', 'STATE', 'LINK', 'SPEED', 'DRIVER', 'ADDRESSES'],
    h.interfaces
      .filter((i) => i.physical || i.name === h.interface || i.addresses.length > 0)
      .map((i) => [
        i.name + (i.physical ? '' : ` (${i.kind || i.type})`),
        i.mac,
        i.state,
        i.linkUp ? 'yes' : 'no',
        i.speedMbit !== null ? `${i.speedMbit} Mb/s` : '',
        i.driver ?? '',
        i.addresses.join(' ')
      ])
  )
  return [...head, '', disks, '', nics].join('\n')
}
