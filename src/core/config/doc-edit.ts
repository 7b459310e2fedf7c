import { isCollection, isMap, isNode, isScalar, type Document } from 'yaml'

/**
 * Edits of a parsed config.yaml that keep what the operator wrote: a scalar keeps its node (so
 * its comments and quoting style), a replaced list or map keeps the old one's comments and
 * flow/block style, and an empty `{}` that gains entries becomes a block map.
 */

export type Path = readonly (string | number)[]

export function getValue(doc: Document, path: Path): unknown {
  const n = doc.getIn(path, true)
  if (n === undefined || n === null) return undefined
  return isNode(n) ? n.toJSON() : n
}

function blockifyEmptyParents(doc: Document, path: Path): void {
  for (let i = 1; i < path.length; i++) {
    const parent = doc.getIn(path.slice(0, i), true)
    if (isMap(parent) && parent.flow && parent.items.length === 0) parent.flow = false
  }
  if (isMap(doc.contents) && doc.contents.flow && doc.contents.items.length === 0) doc.contents.flow = false
}

export function setValue(doc: Document, path: Path, value: unknown): void {
  if (value === undefined) {
    deleteValue(doc, path)
    return
  }
  const existing = doc.getIn(path, true)
  const scalarValue = value === null || typeof value !== 'object'
  if (isScalar(existing) && scalarValue) {
    if (existing.value === value) return
    // A quoted "true" that becomes a real boolean is written plain, and so is the first value
    // of a key that held "" (the quotes were only there because it was empty).
    if (typeof value !== 'string' || existing.value === '') existing.type = undefined
    existing.value = value
    return
  }
  const node = doc.createNode(value, { flow: isCollection(existing) ? existing.flow : undefined })
  if (isNode(existing)) {
    node.comment = existing.comment
    node.commentBefore = existing.commentBefore
    node.spaceBefore = existing.spaceBefore
  }
  blockifyEmptyParents(doc, path)
  if (doc.contents === null || doc.contents === undefined) doc.contents = doc.createNode({})
  doc.setIn(path, node)
}

export function deleteValue(doc: Document, path: Path): boolean {
  if (!doc.hasIn(path)) return false
  return doc.deleteIn(path)
}
