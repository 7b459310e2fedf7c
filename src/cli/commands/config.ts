/**
 * A VALUE as typed: true/false/null and JSON lists, maps and quoted strings are parsed; anything
 * else stays a string, so "1.34.1" or "v1.11.6" is never turned into a number.
 */
export function parseCliValue(raw: string): unknown {
  const t = raw.trim()
  if (t === 'true' || t === 'false' || t === 'null' || /^[[{"]/.test(t)) {
    try {
      return JSON.parse(t)
    } catch {
      return raw
    }
  }
  return raw
}
