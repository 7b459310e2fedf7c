import { z } from 'zod'

/**
 * Whitelisted shapes for everything an operator types about a node or the cluster. Each value
 * ends up in a talosctl argument, a file path or a machine-config patch, so anything outside the
 * shape is refused — and the message names the offending characters, because "invalid" alone
 * does not tell someone who pasted "cp-1; rm -rf /" what went wrong.
 */

const CHAR_NAMES: Record<string, string> = {
  '\n': 'a line break',
  '\r': 'a carriage return',
  '\t': 'a tab',
  ' ': 'a space',
  '\0': 'a NUL byte'
}

function nameChar(c: string): string {
  if (CHAR_NAMES[c]) return CHAR_NAMES[c]!
  const code = c.codePointAt(0) ?? 0
  if (code < 0x20 || code === 0x7f) return `control character U+${code.toString(16).padStart(4, '0')}`
  return `"${c}"`
}

/** Lists the characters of `value` that `allowed` rejects, plus tell-tale sequences. */
export function forbiddenParts(value: string, allowed: RegExp): string[] {
  const seen = new Set<string>()
  for (const c of value) if (!allowed.test(c)) seen.add(nameChar(c))
  const parts = [...seen]
  if (value.includes('..')) parts.push('".."')
  if (value.includes('{{') || value.includes('${')) parts.push('template syntax')
  return parts
}

/** Builds the one-line explanation used by every field below. */
export function explainShape(label: string, value: string, allowedChar: RegExp, shape: string): string {
  const shown = value.length > 40 ? JSON.stringify(value.slice(0, 40) + '…') : JSON.stringify(value)
  const bad = forbiddenParts(value, allowedChar)
  if (bad.length) return `${label} ${shown} is refused: it contains ${bad.slice(0, 4).join(', ')}. ${shape}`
  return `${label} ${shown} is not valid. ${shape}`
}

/**
 * A string field checked against a whole-value regex or one of zod's own formats, with a precise
 * refusal message.
 */
export function shaped(label: string, whole: RegExp | z.ZodType<string>, allowedChar: RegExp, shape: string) {
  const ok = whole instanceof RegExp ? (v: string) => whole.test(v) : (v: string) => whole.safeParse(v).success
  return z.string().superRefine((v, ctx) => {
    if (!ok(v)) ctx.addIssue({ code: 'custom', message: explainShape(label, v, allowedChar, shape) })
  })
}

const hostnameRe = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/
export const NodeHostname = shaped(
  'Hostname',
  hostnameRe,
  /[a-z0-9-]/,
  'Use 1–63 lower-case letters, digits and hyphens, starting and ending with a letter or digit (like cp-1).'
)

export function ipField(label: string) {
  return shaped(label, z.ipv4(), /[0-9.]/, 'Use an IPv4 address like 192.168.1.50.')
}

export const SubnetCidr = shaped('Subnet', z.cidrv4(), /[0-9./]/, 'Use a CIDR range like 192.168.1.0/24.')

/** Lower-cased first so "AA:BB:…" from a sticker is accepted. */
export const MacAddress = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .pipe(shaped('MAC address', z.mac({ delimiter: ':' }), /[0-9a-f:]/, 'Use six pairs of hex digits separated by colons, like 00:1a:2b:3c:4d:5e.'))

export const DiskPath = shaped('Disk', /^\/dev\/[a-z0-9_-]+(\/[a-z0-9_-]+)*$/, /[a-z0-9/_-]/, 'Use a device path like /dev/sda or /dev/nvme0n1.')

/** Linux interface names: at most 15 characters, no slash or whitespace; dots for VLANs. */
export const InterfaceName = shaped(
  'Interface',
  /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$/,
  /[A-Za-z0-9_.-]/,
  'Use a network interface name like eth0 or enp1s0 (at most 15 letters, digits, "-", "_" or ".").'
)

export const TalosVersion = shaped(
  'Talos version',
  /^v\d{1,3}\.\d{1,3}\.\d{1,3}(-[0-9A-Za-z.]{1,30})?$/,
  /[0-9A-Za-z.-]/,
  'Use a Talos release tag like v1.11.5.'
)

export const KubernetesVersion = shaped('Kubernetes version', /^v?\d{1,3}\.\d{1,3}\.\d{1,3}$/, /[0-9v.]/, 'Use a Kubernetes version like 1.34.1.')

export const SchematicId = shaped(
  'Schematic ID',
  /^[0-9a-f]{64}$/,
  /[0-9a-f]/,
  'Use the 64-character hex ID the Image Factory returned, or leave it empty for the vanilla installer.'
)

export const ClusterName = shaped(
  'Cluster name',
  hostnameRe,
  /[a-z0-9-]/,
  'Use 1–63 lower-case letters, digits and hyphens, starting and ending with a letter or digit.'
)

/** The prefix must leave room for "control-12" and keep the result a valid hostname. */
export const HostnamePrefix = shaped(
  'Hostname prefix',
  /^([a-z0-9][a-z0-9-]{0,39})?$/,
  /[a-z0-9-]/,
  'Use up to 40 lower-case letters, digits and hyphens, starting with a letter or digit, or leave it empty.'
)

export const NodeRole = z.enum(['controlplane', 'worker'], {
  error: () => 'Role must be "controlplane" or "worker".'
})
export type NodeRole = z.infer<typeof NodeRole>

/**
 * added → configured → applying → installing → ready, or failed with its reason, or interrupted:
 * the operator stopped setup (the machine may go on installing); setup resumes from what it finds.
 */
export const NodeState = z.enum(['added', 'configured', 'applying', 'installing', 'ready', 'failed', 'interrupted'])
export type NodeState = z.infer<typeof NodeState>
