import { malformedOutput } from './errors'

/**
 * `talosctl get -o json` prints one pretty-printed object per resource, back to back (`}\n{`),
 * not an array and not one per line; an empty list prints nothing (reference §0). This splitter
 * takes chunks as they arrive and hands back each complete top-level object's text. It tracks
 * string state so braces and escaped quotes inside values do not confuse it.
 */
export class JsonObjectSplitter {
  private buf = ''
  private pos = 0
  private depth = 0
  private inString = false
  private escaped = false
  private start = -1

  /** Feeds a chunk; returns the texts of the objects it completed. */
  push(chunk: string): string[] {
    this.buf += chunk
    const done: string[] = []
    for (; this.pos < this.buf.length; this.pos++) {
      const c = this.buf[this.pos]!
      if (this.inString) {
        if (this.escaped) this.escaped = false
        else if (c === '\\') this.escaped = true
        else if (c === '"') this.inString = false
        continue
      }
      if (this.depth === 0) {
        if (c === '{') {
          this.start = this.pos
          this.depth = 1
        } else if (!/\s/.test(c)) {
          throw malformedOutput('JSON', `unexpected "${c}" between objects`, this.buf.slice(this.pos, this.pos + 200))
        }
        continue
      }
      if (c === '"') this.inString = true
      else if (c === '{' || c === '[') this.depth++
      else if (c === '}' || c === ']') {
        this.depth--
        if (this.depth === 0) {
          done.push(this.buf.slice(this.start, this.pos + 1))
          this.start = -1
        }
      }
    }
    // Drop what is finished so a long stream does not grow the buffer forever.
    const keepFrom = this.start >= 0 ? this.start : this.buf.length
    this.buf = this.buf.slice(keepFrom)
    this.pos -= keepFrom
    if (this.start >= 0) this.start = 0
    return done
  }

  /** Call at the end of the stream: a half-written object is an error. */
  end(): void {
    if (this.depth !== 0 || this.inString) {
      throw malformedOutput('JSON', 'the output ends in the middle of an object', this.buf.slice(0, 200))
    }
  }
}

/** Splits and parses a whole `-o json` output into plain values. */
export function parseJsonObjects(text: string): unknown[] {
  const splitter = new JsonObjectSplitter()
  const texts = splitter.push(text)
  splitter.end()
  return texts.map((t) => {
    try {
      return JSON.parse(t) as unknown
    } catch (e) {
      throw malformedOutput('JSON', (e as Error).message, t)
    }
  })
}
