import { execFileSync } from 'node:child_process'
import { existsSync, statSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/** Newest modification time under a folder. */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0
  let t = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return t
}

/**
 * Tests run the built `wild` CLI and the simulated talosctl as real processes; rebuild them
 * when any source is newer than the bundle, so a test never runs yesterday's binary.
 */
export default function setup(): void {
  const srcTime = newest('src')
  const stale = [
    ['cli', 'src/cli/wild.ts', 'out/cli/wild.js'],
    ['talosctl', 'src/lab/talosctl/bin.ts', 'out/lab/talosctl.js']
  ].filter(([, src, out]) => existsSync(src!) && (!existsSync(out!) || statSync(out!).mtimeMs < srcTime))
  if (stale.length) {
    execFileSync(process.execPath, ['scripts/build-node.mjs', ...stale.map(([name]) => name!)], { stdio: 'inherit' })
  }
}
