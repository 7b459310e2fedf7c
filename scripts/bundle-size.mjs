// Prints the gzipped size of what the renderer loads before first paint: every script and
// stylesheet index.html references (lazy screens are excluded: they load on demand).
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'

export function initialBundle(dir = 'out/renderer') {
  const html = readFileSync(join(dir, 'index.html'), 'utf8')
  const refs = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1])
  const files = [...new Set(refs)].map((ref) => ({ ref, gzip: gzipSync(readFileSync(join(dir, ref)), { level: 9 }).length }))
  return { files, total: files.reduce((n, f) => n + f.gzip, 0) }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { files, total } = initialBundle()
  for (const f of files) console.log(`${String(f.gzip).padStart(8)}  ${f.ref}`)
  console.log(`${String(total).padStart(8)}  initial bundle, gzipped (${(total / 1024).toFixed(1)} KiB)`)
}
