/**
 * RFC 9110 Range for one file: `bytes=a-b`, `bytes=a-`, `bytes=-n`. A header we do not
 * understand (another unit, several ranges, bad syntax) is ignored and the whole file is sent,
 * as the RFC allows; a range starting past the end is unsatisfiable (416).
 */
export type RangeResult = { start: number; end: number } | 'unsatisfiable' | null

export function parseRange(header: string | undefined, size: number): RangeResult {
  if (!header) return null
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!m || (m[1] === '' && m[2] === '')) return null
  if (m[1] === '') {
    const suffix = Number(m[2])
    if (suffix === 0) return 'unsatisfiable'
    return size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(m[1])
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  if (m[2] !== '' && Number(m[2]) < start) return null
  if (start >= size) return 'unsatisfiable'
  return { start, end }
}
