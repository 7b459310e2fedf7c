import { spawn, type ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { makeTempDir } from '../../helpers/tmp'
import { makeInstance } from '../../unit/config/helpers'
import { buildChild } from './child/build'
import { rm } from 'node:fs/promises'

let buildDir: string
let child: string

beforeAll(async () => {
  buildDir = await makeTempDir()
  child = await buildChild(join(buildDir, 'config-child.js'))
}, 60_000)
afterAll(async () => {
  await rm(buildDir, { recursive: true, force: true })
})

function run(args: string[]): { proc: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stderr: string }> } {
  const proc = spawn(process.execPath, [child, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  proc.stderr!.on('data', (d) => (stderr += d))
  const done = new Promise<{ code: number | null; signal: string | null; stderr: string }>((res) =>
    // 'close', not 'exit': every line the child printed has been read by then.
    proc.on('close', (code, signal) => res({ code, signal, stderr }))
  )
  return { proc, done }
}

describe('config.yaml across processes', () => {
  it('lands all 50 node adds made at once by two processes', async () => {
    const dir = await makeTempDir()
    try {
      const { config, store } = await makeInstance(dir)
      await config.updateSettings('lab', { vip: '127.0.10.250', network: { subnet: '127.0.10.0/24', gateway: '127.0.10.1' } })
      const a = run(['add-nodes', dir, 'a', '25', '10'])
      const b = run(['add-nodes', dir, 'b', '25', '100'])
      const results = await Promise.all([a.done, b.done])
      expect(results.map((r) => [r.code, r.stderr])).toEqual([[0, ''], [0, '']])
      const active = (await store.read('lab')).config.cluster?.nodes?.active ?? {}
      expect(Object.keys(active)).toHaveLength(50)
      for (let i = 0; i < 25; i++) {
        expect(active[`a-${i}`]?.targetIp).toBe(`127.0.10.${10 + i}`)
        expect(active[`b-${i}`]?.targetIp).toBe(`127.0.10.${100 + i}`)
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }, 60_000)

  it('never leaves a partial or unparsable config.yaml when a writer is killed at random moments during 200 writes', async () => {
    const dir = await makeTempDir()
    try {
      const { store, file } = await makeInstance(dir)
      const total = 200
      let next = 0
      let kills = 0
      // A fixed sequence of "random" delays, so a failure can be replayed.
      let seed = 7
      const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
      while (next < total) {
        const { proc, done } = run(['write-loop', dir, String(next), String(total)])
        let acked = next - 1
        let started = next - 1
        proc.stdout!.on('data', (d: Buffer) => {
          for (const m of String(d).matchAll(/(start|ok) (\d+)/g)) {
            if (m[1] === 'ok') acked = Math.max(acked, Number(m[2]))
            else started = Math.max(started, Number(m[2]))
          }
        })
        // At most 6 kills: each leaves a lock the next writer must wait out (2 s stale time).
        if (kills < 6) {
          const waitFor = next + 3 + Math.floor(rand() * 25)
          await new Promise<void>((res) => {
            const t = setInterval(() => {
              if (started >= waitFor || proc.exitCode !== null) {
                clearInterval(t)
                res()
              }
            }, 2)
          })
          await new Promise((r) => setTimeout(r, rand() * 15))
          proc.kill('SIGKILL')
          kills++
        }
        const r = await done
        if (r.signal !== 'SIGKILL') expect(r.code, r.stderr).toBe(0)
        // The file is whole: it parses, validates, and holds a value some write finished or was writing.
        const text = await readFile(file, 'utf8')
        const loaded = await store.read('lab')
        const prefix = Number(/^p(\d+)-$/.exec(loaded.config.cluster?.hostnamePrefix ?? '')?.[1] ?? -1)
        expect(prefix).toBeGreaterThanOrEqual(acked)
        expect(prefix).toBeLessThanOrEqual(started)
        expect(parse(text).cluster.name).toBe('lab')
        next = acked + 1
      }
      expect(kills).toBe(6)
      const final = await store.read('lab')
      expect(final.config.cluster?.hostnamePrefix).toBe(`p${total - 1}-`)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
