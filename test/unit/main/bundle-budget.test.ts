import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'

// The first screen's code is what the operator waits for at start-up: keep it under 250 KB.
describe('renderer bundle', () => {
  it('loads under 250 KB gzipped before first paint, with the heavy screens split out', () => {
    const html = readFileSync('out/renderer/index.html', 'utf8')
    const refs = [...new Set([...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!))]
    expect(refs.some((r) => r.endsWith('.js'))).toBe(true)
    const total = refs.reduce((n, ref) => n + gzipSync(readFileSync(`out/renderer/${ref}`), { level: 9 }).length, 0)
    expect(total).toBeLessThan(250 * 1024)
    expect(refs.some((r) => /SetupScreen|NodesScreen/.test(r))).toBe(false)
  })
})

// The preload learns the command names, nothing more: no zod, no schemas.
describe('preload bundle', () => {
  it('is a few KB and carries no schema library', () => {
    const preload = readFileSync('out/preload/index.js', 'utf8')
    expect(preload.length).toBeLessThan(16 * 1024)
    expect(preload).not.toMatch(/ZodError|\$ZodType/)
    expect(preload).toContain("'nodes.list'".replace(/'/g, '"'))
  })
})

// The simulated lab (fake talosctl, its PKI, machine presets) is loaded only in demo mode: the
// main bundle and the CLI's entry file must not carry it, only a chunk loaded on demand.
describe('lab kept out of the start-up path', () => {
  const LAB_MARKERS = [/nvme-mini-pc/, /^\/\/ src\/lab\//m]
  it.each(['out/main/index.js', 'out/cli/wild.js', 'out/cli/main.js'])('%s has no lab code', (file) => {
    const text = readFileSync(file, 'utf8')
    for (const marker of LAB_MARKERS) expect(text).not.toMatch(marker)
  })
})
