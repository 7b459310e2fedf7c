import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseAllDocuments } from 'yaml'

/**
 * Machine-config patches the way talosctl applies them: a strategic merge (maps merge deeply,
 * most lists append, network interfaces merge by `interface` or `deviceSelector`, a few lists
 * replace, `$patch: delete` removes a key) or a JSON 6902 list of operations.
 */

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v)

/** Lists whose patch value replaces the base value instead of appending to it. */
const REPLACED_LISTS = new Set([
  'cluster.network.podSubnets',
  'cluster.network.serviceSubnets',
  'machine.network.nameservers',
  'machine.network.interfaces[].addresses'
])

function sameDevice(a: unknown, b: unknown): boolean {
  if (!isObj(a) || !isObj(b)) return false
  if (typeof a.interface === 'string' || typeof b.interface === 'string') return a.interface === b.interface
  return JSON.stringify(a.deviceSelector) === JSON.stringify(b.deviceSelector) && a.deviceSelector !== undefined
}

function mergeValue(base: unknown, patch: unknown, path: string): unknown {
  if (isObj(base) && isObj(patch)) return mergeObject(base, patch, path)
  if (Array.isArray(base) && Array.isArray(patch)) {
    if (REPLACED_LISTS.has(path)) return [...patch]
    if (path === 'machine.network.interfaces') {
      const out = [...base]
      for (const item of patch) {
        const at = out.findIndex((x) => sameDevice(x, item))
        if (at >= 0) out[at] = mergeValue(out[at], item, `${path}[]`)
        else out.push(item)
      }
      return out
    }
    return [...base, ...patch]
  }
  return patch
}

function mergeObject(base: Obj, patch: Obj, path: string): Obj {
  const out: Obj = { ...base }
  for (const [key, value] of Object.entries(patch)) {
    if (isObj(value) && value.$patch === 'delete') {
      delete out[key]
      continue
    }
    const childPath = path ? `${path}.${key}` : key
    out[key] = key in out ? mergeValue(out[key], value, childPath) : value
  }
  return out
}

function pointer(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
}

function applyJson6902(doc: Obj, ops: unknown[]): Obj {
  const root = structuredClone(doc)
  for (const raw of ops) {
    const op = raw as { op?: string; path?: string; value?: unknown }
    const parts = pointer(op.path ?? '')
    const last = parts.pop()
    let parent: unknown = root
    for (const p of parts) parent = (parent as Obj)?.[p]
    if (last === undefined || parent === null || typeof parent !== 'object') {
      throw new Error(`error applying patch: path ${JSON.stringify(op.path)} not found`)
    }
    const container = parent as Obj & unknown[]
    if (op.op === 'remove') {
      if (Array.isArray(container)) container.splice(Number(last), 1)
      else delete container[last]
    } else if (op.op === 'add' || op.op === 'replace') {
      if (Array.isArray(container) && op.op === 'add') container.splice(last === '-' ? container.length : Number(last), 0, op.value)
      else container[last] = op.value
    } else {
      throw new Error(`error applying patch: unsupported operation ${JSON.stringify(op.op)}`)
    }
  }
  return root
}

/** Reads `@file` or an inline patch; each YAML document is one patch. */
export async function loadPatches(arg: string, cwd: string): Promise<unknown[]> {
  const text = arg.startsWith('@') ? await readFile(resolve(cwd, arg.slice(1)), 'utf8') : arg
  return parseAllDocuments(text)
    .map((d) => d.toJS() as unknown)
    .filter((d) => d !== null && d !== undefined)
}

export function applyPatch(doc: Obj, patch: unknown): Obj {
  if (Array.isArray(patch)) return applyJson6902(doc, patch)
  if (isObj(patch)) return mergeObject(doc, patch, '')
  throw new Error('error applying patch: patch is neither a strategic merge patch nor a JSON patch')
}

const sameDocument = (a: Obj, b: Obj): boolean => a.kind === b.kind && (a.apiVersion ?? 'v1alpha1') === (b.apiVersion ?? 'v1alpha1') && a.name === b.name

/**
 * A multi-document config patched the way talosctl does it: a document without a kind merges
 * into the v1alpha1 config; another merges into the document of the same kind and name, or is
 * added; `$patch: delete` at the top of one removes that document.
 */
export async function patchDocuments(docs: Obj[], args: string[], cwd: string): Promise<Obj[]> {
  let out = [...docs]
  for (const arg of args) {
    for (const p of await loadPatches(arg, cwd)) {
      if (Array.isArray(p) || !isObj(p) || typeof p.kind !== 'string') {
        if (Array.isArray(p) && out.length > 1) throw new Error('JSON6902 patches are not supported for multi-document machine configuration')
        const at = out.findIndex((d) => typeof d.kind !== 'string')
        if (at < 0) out.push(applyPatch({}, p))
        else out[at] = applyPatch(out[at]!, p)
        continue
      }
      const at = out.findIndex((d) => sameDocument(d, p))
      if (p.$patch === 'delete') out = out.filter((_, i) => i !== at)
      else if (at >= 0) out[at] = mergeObject(out[at]!, p, '')
      else out.push(p)
    }
  }
  return out
}
