import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runWild } from '../../helpers/cli'
import { makeTempDir } from '../../helpers/tmp'
import { shapes } from '../../unit/talos/fixtures/machines'
import { emit } from '../../unit/talos/fixtures/resources'

const FAKE = join(__dirname, 'fixtures', 'fake-talosctl.mjs')
let dir: string

beforeAll(async () => {
  chmodSync(FAKE, 0o755)
  dir = await makeTempDir()
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('wild writes the same logs as the app', () => {
  it('appends its talosctl calls to <data>/logs/talosctl.log, marked as the CLI, in a 0700 folder', async () => {
    const shape = shapes.find((s) => s.name.startsWith('NVMe plus the USB stick'))!
    const serveDir = join(dir, 'machines', shape.ip)
    mkdirSync(serveDir, { recursive: true })
    for (const [kind, res] of Object.entries(shape.resources)) writeFileSync(join(serveDir, `${kind}.out`), emit(res))
    const data = join(dir, 'data')
    const r = await runWild(['--data-dir', data, '--talosctl', FAKE, 'node', 'detect', shape.ip, '--json'], { FAKE_MODE: 'serve', FAKE_DIR: serveDir }, 30_000)
    expect(r.code).toBe(0)

    const logs = join(data, 'logs')
    expect(statSync(logs).mode & 0o777).toBe(0o700)
    const lines = readFileSync(join(logs, 'talosctl.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { src: string; args: string[]; outcome: string; msg: string })
    expect(lines.length).toBeGreaterThan(0)
    expect(lines.every((l) => l.src === 'cli')).toBe(true)
    expect(lines.some((l) => l.args.includes('get') && l.args.includes(shape.ip) && l.outcome === 'ok')).toBe(true)
    expect(statSync(join(logs, 'talosctl.log')).mode & 0o777).toBe(0o600)
  })

  it('writes nothing, and loads no logger, for a command that calls no talosctl', async () => {
    const data = join(dir, 'quiet')
    expect((await runWild(['--data-dir', data, 'instance', 'create', 'alpha'])).code).toBe(0)
    expect(existsSync(join(data, 'logs'))).toBe(false)
  })
})
