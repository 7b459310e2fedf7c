import { Cpu, HardDrive, Network } from 'lucide-react'
import { useState } from 'react'
import type { DiskInfo, HardwareInfo, InterfaceInfo } from '@shared/contract/talos'
import { Badge, Card, cx, FactList, formatBytes, Table, TBody, TD, TH, THead, TR } from '../../ui'

function speed(mbit: number | null): string {
  if (!mbit || mbit <= 0) return '—'
  return mbit >= 1000 ? `${mbit / 1000} Gb/s` : `${mbit} Mb/s`
}

function DiskNotes({ d, suggested }: { d: DiskInfo; suggested: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-1">
      {suggested && <Badge tone="accent">suggested</Badge>}
      {d.systemDisk && <Badge tone="info">Talos installed</Badge>}
      {d.bootMedium && <Badge tone="warn">booted from this</Badge>}
      {!d.candidate && <Badge tone="neutral">not usable</Badge>}
      {d.reason && <span className="text-xs text-muted">{d.reason}</span>}
    </div>
  )
}

/** Disks, with an optional choice of the install disk (native radios: arrow keys move the choice). */
export function DisksTable({ hw, selected, onSelect }: { hw: HardwareInfo; selected?: string | null; onSelect?: (path: string) => void }) {
  return (
    <Table label="Disks">
      <THead>
        <TR>
          {onSelect && (
            <TH className="w-10">
              <span className="sr-only">Install disk</span>
            </TH>
          )}
          <TH>Device</TH>
          <TH>Size</TH>
          <TH>Model</TH>
          <TH>Transport</TH>
          <TH>Notes</TH>
        </TR>
      </THead>
      <TBody>
        {hw.disks.map((d) => (
          <TR key={d.path} className={cx(onSelect && selected === d.path && 'bg-accent-soft')}>
            {onSelect && (
              <TD>
                <input
                  type="radio"
                  name="install-disk"
                  value={d.path}
                  checked={selected === d.path}
                  disabled={!d.candidate}
                  onChange={() => onSelect(d.path)}
                  aria-label={`Install on ${d.path}`}
                  className="size-4 accent-[var(--wc-accent)]"
                />
              </TD>
            )}
            <TD className="font-mono text-[13px]">{d.path}</TD>
            <TD className="tabular whitespace-nowrap">{d.prettySize || formatBytes(d.size)}</TD>
            <TD className="max-w-48 truncate" title={d.model ?? undefined}>
              {d.model ?? '—'}
            </TD>
            <TD>
              {d.transport ?? '—'}
              <span className="ml-1 text-xs text-subtle">{d.kind !== 'unknown' ? `(${d.kind})` : ''}</span>
            </TD>
            <TD>
              <DiskNotes d={d} suggested={d.path === hw.selectedDisk} />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  )
}

export function InterfacesTable({ hw, selected, onSelect }: { hw: HardwareInfo; selected?: string | null; onSelect?: (name: string, mac: string) => void }) {
  const [all, setAll] = useState(false)
  const physical = hw.interfaces.filter((i) => i.physical)
  const list: InterfaceInfo[] = all || physical.length === 0 ? hw.interfaces : physical
  const hidden = hw.interfaces.length - physical.length
  return (
    <div className="flex flex-col gap-2">
      <Table label="Network interfaces">
        <THead>
          <TR>
            {onSelect && (
              <TH className="w-10">
                <span className="sr-only">Interface</span>
              </TH>
            )}
            <TH>Name</TH>
            <TH>MAC</TH>
            <TH>Link</TH>
            <TH>Speed</TH>
            <TH>Addresses</TH>
          </TR>
        </THead>
        <TBody>
          {list.map((i) => (
            <TR key={i.name} className={cx(onSelect && selected === i.name && 'bg-accent-soft')}>
              {onSelect && (
                <TD>
                  <input
                    type="radio"
                    name="interface"
                    value={i.name}
                    checked={selected === i.name}
                    onChange={() => onSelect(i.name, i.mac)}
                    aria-label={`Use ${i.name}`}
                    className="size-4 accent-[var(--wc-accent)]"
                  />
                </TD>
              )}
              <TD className="font-mono text-[13px]">
                {i.name}
                {i.name === hw.interface && (
                  <Badge tone="accent" className="ml-2 font-sans">
                    suggested
                  </Badge>
                )}
              </TD>
              <TD className="font-mono text-[13px]">{i.mac || '—'}</TD>
              <TD>{i.linkUp ? <Badge tone="ok">up</Badge> : <Badge tone="neutral">no link</Badge>}</TD>
              <TD className="tabular">{speed(i.speedMbit)}</TD>
              <TD className="text-[13px]">{i.addresses.length ? i.addresses.join(', ') : '—'}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
      {hidden > 0 && physical.length > 0 && (
        <button type="button" onClick={() => setAll((a) => !a)} className="self-start text-[13px] text-accent-text hover:underline">
          {all ? 'Show network cards only' : `Show ${hidden} virtual interface${hidden === 1 ? '' : 's'} too`}
        </button>
      )}
    </div>
  )
}

function Facts({ rows }: { rows: Array<[string, string | null | undefined]> }) {
  return <FactList rows={rows} layout="double" />
}

export function MachineFacts({ hw }: { hw: HardwareInfo }) {
  const sys = hw.system
  const cpu = hw.cpu
  return (
    <Facts
      rows={[
        ['Talos', hw.talosVersion ? `${hw.talosVersion}${hw.maintenanceMode ? ' · maintenance mode' : ''}` : hw.maintenanceMode ? 'maintenance mode' : null],
        ['Stage', hw.stage],
        ['Hostname', hw.hostname],
        ['Machine', [sys?.manufacturer, sys?.productName].filter(Boolean).join(' ') || null],
        ['Serial', sys?.serialNumber],
        ['CPU', cpu ? [cpu.model, cpu.cores ? `${cpu.cores} cores` : null, cpu.threads ? `${cpu.threads} threads` : null].filter(Boolean).join(' · ') : null],
        ['Memory', hw.memoryBytes ? formatBytes(hw.memoryBytes) : null],
        ['Address', hw.ipCidr ?? hw.ip],
        ['Gateway', hw.gateway],
        ['DNS', hw.nameservers.join(', ') || null],
        ['Architecture', hw.arch ?? 'unknown (ask the operator)'],
        ['Secure Boot', hw.secureBoot === null ? 'not reported' : hw.secureBoot ? 'enabled' : 'disabled']
      ]}
    />
  )
}

/** Everything the machine reported, read-only: the node page's hardware section. */
export function HardwareView({ hw }: { hw: HardwareInfo }) {
  return (
    <div className="flex flex-col gap-5">
      <Card title="Machine" actions={<Cpu aria-hidden className="size-4 text-subtle" />}>
        <MachineFacts hw={hw} />
      </Card>
      <section aria-labelledby="hw-disks" className="flex flex-col gap-2">
        <h2 id="hw-disks" className="flex items-center gap-2 text-sm font-semibold">
          <HardDrive aria-hidden className="size-4 text-subtle" /> Disks
        </h2>
        <p className="text-[13px] text-muted">{hw.selectedDiskReason}</p>
        <DisksTable hw={hw} />
      </section>
      <section aria-labelledby="hw-nics" className="flex flex-col gap-2">
        <h2 id="hw-nics" className="flex items-center gap-2 text-sm font-semibold">
          <Network aria-hidden className="size-4 text-subtle" /> Network
        </h2>
        <p className="text-[13px] text-muted">{hw.interfaceReason}</p>
        <InterfacesTable hw={hw} />
      </section>
    </div>
  )
}
