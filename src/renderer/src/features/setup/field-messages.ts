import { z } from 'zod'
import { forbiddenParts } from '@shared/schemas/fields'
import { exampleIp, intToIp, ipToInt, parseCidr } from './ip'

/**
 * Validation messages that name the field by the label the operator sees ("Fixed IP address",
 * not the schema's "Target IP"), give an example from their own network when it is known, and
 * tell a network or broadcast address apart from one outside the range: "inside 192.168.1.0/24"
 * is no help to someone who typed 192.168.1.0. The core validates again with its own words.
 */

const FALLBACK_IP = '192.168.1.50'
const FALLBACK_CIDR = '192.168.1.0/24'
const isIPv4 = (v: string) => z.ipv4().safeParse(v).success
const isCidr = (v: string) => z.cidrv4().safeParse(v).success

/** ` ("x y" contains a space)`, or nothing when every character could belong. */
function containsNote(value: string, allowed: RegExp): string {
  const bad = forbiddenParts(value, allowed)
  if (!bad.length) return ''
  const shown = value.length > 24 ? `${value.slice(0, 24)}…` : value
  return ` ("${shown}" contains ${bad.slice(0, 3).join(', ')})`
}

/** Why `value` cannot be this field's IPv4 address (inside `subnet` when given), or null. */
export function ipProblem(label: string, value: string, o: { subnet?: string | null } = {}): string | null {
  const c = o.subnet && isCidr(o.subnet) ? parseCidr(o.subnet) : null
  const example = (c && o.subnet && exampleIp(o.subnet, 10)) || FALLBACK_IP
  if (value === '') return `${label} is required: type an IPv4 address like ${example}.`
  if (!isIPv4(value)) return `${label} must be an IPv4 address like ${example}${containsNote(value, /[0-9.]/)}.`
  if (!c || !o.subnet || c.prefix > 30) return null
  const n = ipToInt(value)!
  const range = `${intToIp(c.network + 1)} to ${intToIp(c.broadcast - 1)}`
  if (n === c.network) return `${label} ${value} is the network address of ${o.subnet}, which no machine can use. Pick one from ${range}.`
  if (n === c.broadcast) return `${label} ${value} is the broadcast address of ${o.subnet}, which no machine can use. Pick one from ${range}.`
  if (n < c.network || n > c.broadcast) return `${label} must be inside ${o.subnet} (${range}).`
  return null
}

/** Why `value` cannot be this field's CIDR range, or null. A bare address gets its /24 suggested. */
export function cidrProblem(label: string, value: string): string | null {
  if (value === '') return `${label} is required: type a range like ${FALLBACK_CIDR}.`
  if (isCidr(value)) return null
  if (isIPv4(value)) return `${label} needs the range's size after a slash, like ${value}/24.`
  return `${label} must be a range like ${FALLBACK_CIDR}${containsNote(value, /[0-9./]/)}.`
}

/** A zod string that fails with ipProblem's or cidrProblem's message (for react-hook-form). */
export function labelled(label: string, problem: (label: string, value: string) => string | null) {
  return z.string().superRefine((v, ctx) => {
    const message = problem(label, v)
    if (message) ctx.addIssue({ code: 'custom', message })
  })
}
