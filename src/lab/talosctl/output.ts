import { stringify } from 'yaml'
import { TalosctlError } from './errors'

/**
 * `talosctl get` writers (reference talos.md §0): JSON objects back to back, 4-space indent,
 * keys sorted at every level, Go's HTML escaping; YAML documents with `node:` first and
 * `---` between them; a tabwriter table whose header prints even with no rows.
 */

export interface ResourceDoc {
  node: string
  metadata: {
    namespace: string
    type: string
    id: string
    version: number
    owner: string | null
    phase: string
    created: string
    updated: string
  }
  spec: Record<string, unknown>
  display: string
  columns: [string, (spec: Record<string, unknown>) => string][]
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])])
    )
  }
  return v
}

/** Go's encoding/json escapes these even inside strings. */
function goEscape(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

export function jsonDoc(d: ResourceDoc): string {
  return goEscape(JSON.stringify(sortKeys({ metadata: d.metadata, node: d.node, spec: d.spec }), null, 4)) + '\n'
}

export function yamlDoc(d: ResourceDoc, first: boolean): string {
  const body = stringify({ metadata: d.metadata, spec: d.spec }, { indent: 4, lineWidth: 0 })
  return `${first ? '' : '---\n'}node: ${d.node}\n${body}`
}

/** Go tabwriter with padding 3: every cell but the last in a row is padded to its column. */
export function table(rows: string[][]): string {
  const widths: number[] = []
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)))
  return rows
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 3))).join(''))
    .map((line) => line + '\n')
    .join('')
}

export function tableRows(docs: ResourceDoc[], columns: [string, unknown][]): string[][] {
  const header = ['NODE', 'NAMESPACE', 'TYPE', 'ID', 'VERSION', ...columns.map(([h]) => h)]
  const rows = docs.map((d) => [d.node, d.metadata.namespace, d.display, d.metadata.id, String(d.metadata.version), ...d.columns.map(([, f]) => f(d.spec))])
  return [header, ...rows]
}

function walk(root: unknown, path: string): unknown {
  let cur = root
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[part]
  }
  return cur
}

/** `-o jsonpath=…` over the same map as JSON output: `{.spec.stage}` and literal text. */
export function jsonpathDoc(d: ResourceDoc, template: string): string {
  const root = { metadata: d.metadata, node: d.node, spec: d.spec }
  const textOut = template.replace(/\{([^}]*)\}/g, (_, expr: string) => {
    const v = walk(root, expr.trim().replace(/^\$/, ''))
    if (v === undefined) throw new TalosctlError(`${expr.trim().replace(/^\./, '')} is not found`)
    return typeof v === 'string' ? v : JSON.stringify(v)
  })
  return textOut + '\n'
}

export type OutputFormat = { kind: 'json' | 'yaml' | 'table' } | { kind: 'jsonpath'; template: string }

export function parseOutputFormat(flag: string): OutputFormat {
  if (flag === '' || flag === 'table') return { kind: 'table' }
  if (flag === 'json' || flag === 'yaml') return { kind: flag }
  if (flag.startsWith('jsonpath=')) return { kind: 'jsonpath', template: flag.slice('jsonpath='.length) }
  throw new TalosctlError(`output writer "${flag}" is not supported`)
}

/** What a garbled answer looks like: cut short, with bytes that are not JSON or text. */
export function garble(text: string): string {
  const cut = Math.max(1, Math.floor(text.length * 0.6))
  return text.slice(0, cut) + '\u0000\ufffd\u001b[0m{"}\n'
}
