import { LabFile } from './model'

/**
 * The lab file's last parse, per file, reused while its text is unchanged. One talosctl process
 * reads the lab once, but the lab's in-process server (fast/server.ts) and the demo run every
 * call in one process, and zod on a lab of nine machines (100 KB) costs more than the call
 * itself. Each caller gets its own copy: callers change what they read (updateLab does).
 */
const KEEP = 8
const parsed = new Map<string, { text: string; lab: LabFile }>()

export function parseLabText(file: string, text: string): LabFile {
  let hit = parsed.get(file)
  if (hit?.text !== text) {
    hit = { text, lab: LabFile.parse(JSON.parse(text)) }
    parsed.delete(file)
    parsed.set(file, hit)
    // Tests make a lab per case: keep the newest few.
    if (parsed.size > KEEP) parsed.delete(parsed.keys().next().value!)
  }
  return structuredClone(hit.lab)
}
