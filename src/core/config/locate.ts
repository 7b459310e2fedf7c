import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node as YamlNode } from 'yaml'
import type { z } from 'zod'
import { AppError } from '../../shared/errors'

/** One problem in config.yaml, placed where an operator can find it. */
export interface ConfigIssue {
  path: string
  line: number | null
  message: string
}

/** The message an operator should read: zod wraps record keys and unions in generic ones. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_key' && issue.issues[0]) return issue.issues[0].message
  if (issue.code === 'invalid_union') {
    const inner = issue.errors.flat()
    const custom = inner.find((i) => i.code === 'custom')
    if (custom) return custom.message
  }
  return issue.message
}

function keyOf(node: unknown): unknown {
  return isScalar(node) ? node.value : node
}

/**
 * The 1-based line of the deepest node that exists along `path`: the value itself when it is
 * there, else the key or collection that should have held it.
 */
export function lineOf(doc: Document, lc: LineCounter, path: readonly PropertyKey[], o: { atKey?: boolean } = {}): number | null {
  let node: unknown = doc.contents
  let offset: number | null = (node as YamlNode | null)?.range?.[0] ?? null
  for (const [i, seg] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && String(keyOf(p.key)) === String(seg))
      if (!pair) break
      const key = pair.key as YamlNode | null
      const value = pair.value as YamlNode | null
      // A bad map key (a record-key error) is reported where the key is written.
      const last = i === path.length - 1
      offset = (last && o.atKey ? key?.range?.[0] : value?.range?.[0]) ?? key?.range?.[0] ?? offset
      node = value ?? key
      if (!value) break
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as YamlNode | undefined
      if (!item) break
      offset = item.range?.[0] ?? offset
      node = item
    } else {
      break
    }
  }
  return offset === null ? null : lc.linePos(offset).line
}

export function dotted(path: readonly PropertyKey[]): string {
  return path.map(String).join('.')
}

/** Every schema issue with its key path and line, in file order. */
export function locateIssues(issues: readonly z.core.$ZodIssue[], doc: Document, lc: LineCounter): ConfigIssue[] {
  return issues
    .map((i) => ({
      path: dotted(i.path),
      line: lineOf(doc, lc, i.path, { atKey: i.code === 'invalid_key' }),
      message: issueMessage(i)
    }))
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
}

/** The error for a config.yaml that cannot be used; the file is left exactly as it is. */
export function configInvalid(file: string, issues: ConfigIssue[]): AppError {
  const first = issues[0]
  const where = first ? ` at ${first.path || '(top level)'}${first.line ? ` (line ${first.line})` : ''}` : ''
  const more = issues.length > 1 ? ` (${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : ''
  return new AppError(
    'CONFIG_INVALID',
    `${file} is not valid${where}: ${(first?.message ?? 'unknown problem').replace(/\.$/, '')}${more}. ` +
      `Fix the file by hand; the app does not change it until it is valid.`,
    { file, issues }
  )
}
