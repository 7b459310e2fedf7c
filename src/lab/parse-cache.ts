import { isDeepStrictEqual } from 'node:util'
import { LabFile } from './model'

/**
 * The lab file's parse, per file, reused while its text is unchanged. A talosctl process reads
 * the lab once, but the lab's in-process server (fast/server.ts) and the demo run every call in
 * one process, and zod on a lab of nine machines (100 KB) costs more than the call itself.
 * Kept from the second read of the same text on, so a one-shot process pays nothing for it.
 * Each caller gets its own copy (callers change what they read: updateLab does), made by
 * JSON.parse of the validated lab, several times quicker than structuredClone, when that round
 * trip is exact (checked once), else by structuredClone.
 */
const KEEP = 8
const seen = new Map<string, { text: string; lab?: LabFile; json?: string }>()

const parse = (text: string): LabFile => LabFile.parse(JSON.parse(text))

export function parseLabText(file: string, text: string): LabFile {
  const hit = seen.get(file)
  if (hit?.text !== text) {
    seen.delete(file)
    seen.set(file, { text })
    // Tests make a lab per case: keep the newest few.
    if (seen.size > KEEP) seen.delete(seen.keys().next().value!)
    return parse(text)
  }
  if (!hit.lab) {
    hit.lab = parse(text)
    const json = JSON.stringify(hit.lab)
    hit.json = isDeepStrictEqual(JSON.parse(json), hit.lab) ? json : undefined
  }
  return hit.json !== undefined ? (JSON.parse(hit.json) as LabFile) : structuredClone(hit.lab)
}
