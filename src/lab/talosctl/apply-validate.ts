import { configFacts, type ConfigFacts } from '../config-facts'
import type { Disk, Machine } from '../model'
import { checkConfig, problemList } from './config-check'
import { RpcError } from './errors'

/**
 * What the machine checks when a config arrives: the document itself ("configuration
 * validation failed") and an install diskSelector against its disks (checked at apply time).
 * An install disk given by path is only checked when the install runs (see installProblem).
 */

function invalid(problems: string[], runtime = false): RpcError {
  const list = problemList(problems)
  const what = runtime ? 'runtime configuration validation failed' : 'configuration validation failed'
  return new RpcError(`rpc error: code = InvalidArgument desc = ${what}: ${list}`)
}

function sizeMatches(expr: string, size: number): boolean {
  const m = /^\s*(>=|<=|>|<|==)?\s*([\d.]+)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?\s*$/i.exec(expr)
  if (!m) return false
  const units: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 }
  const want = Number(m[2]) * (units[(m[3] ?? 'b').toLowerCase()] ?? 1)
  switch (m[1] ?? '==') {
    case '>=':
      return size >= want
    case '<=':
      return size <= want
    case '>':
      return size > want
    case '<':
      return size < want
    default:
      return size === want
  }
}

function glob(pattern: string, value: string | undefined): boolean {
  if (value === undefined) return false
  return new RegExp(
    '^' +
      pattern
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$'
  ).test(value)
}

function diskType(d: Disk): string {
  if (d.transport === 'nvme') return 'nvme'
  if (d.transport === 'mmc') return 'sd'
  return d.rotational ? 'hdd' : 'ssd'
}

export function selectorMatches(d: Disk, sel: Record<string, unknown>): boolean {
  return Object.entries(sel).every(([k, v]) => {
    const want = String(v)
    switch (k) {
      case 'size':
        return sizeMatches(want, d.size)
      case 'type':
        return diskType(d) === want
      case 'busPath':
        return glob(want, d.bus_path)
      case 'name':
        return glob(want, d.dev_path ?? `/dev/${d.id}`)
      default:
        return glob(want, (d as Record<string, unknown>)[k] as string | undefined)
    }
  })
}

/** The machine reads the config with its own Talos version (maintenance: the booted one). */
export function validateConfig(text: string, machine: Machine): ConfigFacts {
  const check = checkConfig(text, machine.talosVersion)
  if (check.kind === 'yaml') throw new RpcError(`rpc error: code = InvalidArgument desc = failed to parse config: ${check.message}`)
  if (check.kind === 'decode') throw new RpcError(`rpc error: code = Unknown desc = failed to parse config: ${check.message}`)
  if (check.problems.length) throw invalid(check.problems)
  const facts = configFacts(text)
  const sel = facts.installDiskSelector
  if (sel && !machine.hardware.disks.some((d) => !d.readonly && !d.cdrom && selectorMatches(d, sel))) {
    throw invalid([`no disks matched the expression: ${JSON.stringify(sel)}`], true)
  }
  return facts
}

/** The disk an install writes to, or why the install cannot finish. */
export function installTarget(facts: ConfigFacts, machine: Machine): { disk?: string; problem?: string } {
  const disks = machine.hardware.disks
  const chosen = facts.installDiskSelector
    ? disks.find((d) => !d.readonly && !d.cdrom && selectorMatches(d, facts.installDiskSelector!))
    : disks.find((d) => (d.dev_path ?? `/dev/${d.id}`) === facts.installDisk)
  if (!chosen) return { problem: `install disk ${facts.installDisk ?? ''} not found` }
  if (chosen.readonly || chosen.cdrom) return { problem: `install disk ${chosen.dev_path ?? `/dev/${chosen.id}`} is read-only` }
  return { disk: chosen.id }
}
