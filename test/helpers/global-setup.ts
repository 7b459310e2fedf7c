import { execFileSync } from 'node:child_process'
import { existsSync, statSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/** Newest modification time under a folder, to rebuild the simulated talosctl only when stale. */
function newest(dir: string): number {
  let t = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return t
}

export default function setup(): void {
  const src = 'src/lab'
  const out = 'out/lab/talosctl.js'
  if (!existsSync(join(src, 'talosctl', 'bin.ts'))) return
  if (existsSync(out) && statSync(out).mtimeMs >= Math.max(newest(src), newest('src/shared'))) return
  execFileSync(process.execPath, ['scripts/build-node.mjs', 'talosctl'], { stdio: 'inherit' })
}
