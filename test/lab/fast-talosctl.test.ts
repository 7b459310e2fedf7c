import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { execa } from 'execa'
import { afterEach, describe, expect, it } from 'vitest'
import { serveTalosctl, socketPathFor, type TalosctlServer } from '../../src/lab/fast/server'
import { serveLab } from '../../src/lab/listeners'
import { configuredNode, preset } from '../../src/lab/machines'
import { renderTalosconfig } from '../../src/lab/talosctl/talosconfig'
import type { Lab } from '../../src/lab/lab'
import { newLab, type Result } from './lab-helpers'

/**
 * The lab's native talosctl (src/lab/fast): with the lab's server socket it must print byte for
 * byte what the Node talosctl prints, and without it it must be the Node talosctl.
 */

const NODE_TALOSCTL = resolve('out/lab/talosctl.js')
const NATIVE = resolve('out/lab/talosctl')

async function talosctl(program: string, lab: Lab, args: string[], timeout = 20_000): Promise<Result & { timedOut: boolean }> {
  const r = await execa(program, args, {
    cwd: lab.dir,
    env: { ...lab.env, HOME: lab.home },
    reject: false,
    stdin: 'ignore',
    stripFinalNewline: false,
    timeout
  })
  return { stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), exitCode: r.exitCode ?? -1, timedOut: r.timedOut }
}

/**
 * A copy of the native client with no talosctl.js beside it: it cannot fall back, so whatever it
 * prints came from the server.
 */
async function serverOnlyClient(lab: Lab): Promise<string> {
  const dir = join(lab.dir, 'bin')
  await mkdir(dir, { recursive: true })
  await copyFile(NATIVE, join(dir, 'talosctl'))
  return join(dir, 'talosctl')
}

async function labWithCluster(): Promise<{ lab: Lab; talosconfig: string }> {
  const node = configuredNode('127.0.10.19')
  const lab = await newLab({ machines: [preset('nvme-mini-pc'), preset('bonded-nics'), node.machine, preset('virtio-vm', { faults: { silent: true } })] })
  const cfg = structuredClone(node.talosconfig)
  cfg.contexts['other-cluster']!.endpoints = ['127.0.10.19']
  const talosconfig = join(lab.dir, 'talosconfig')
  await writeFile(talosconfig, renderTalosconfig(cfg))
  return { lab, talosconfig }
}

const maintenance = (ip: string, ...a: string[]) => [...a, '--insecure', '-n', ip]

/** Successes and failures, both output formats, as discovery and the node pages call them. */
const CASES = (talosconfig: string): string[][] => [
  maintenance('127.0.10.11', 'get', 'links', '-o', 'json'),
  maintenance('127.0.10.17', 'get', 'links'),
  maintenance('127.0.10.11', 'get', 'hostname', '-o', 'json'),
  maintenance('127.0.10.11', 'get', 'machinestatus', '-o', 'yaml'),
  maintenance('127.0.10.11', 'get', 'version', '-o', 'json'),
  ['--talosconfig', talosconfig, '-n', '127.0.10.19', 'version'],
  ['--talosconfig', talosconfig, '-n', '127.0.10.19', 'get', 'hostname', '-o', 'json'],
  // Errors: a configured node refusing maintenance calls, nobody at the address, a bad type, a bad flag.
  maintenance('127.0.10.19', 'get', 'links', '-o', 'json'),
  maintenance('127.0.10.99', 'get', 'hostname'),
  maintenance('127.0.10.11', 'get', 'nosuchresource'),
  ['get', 'links', '--no-such-flag'],
  // The maintenance API refuses Version: the Client block, "Server:", then the error.
  maintenance('127.0.10.11', 'version')
]

let served: TalosctlServer | undefined
afterEach(async () => {
  await served?.close()
  served = undefined
})

describe('the native lab talosctl', () => {
  it('was built beside the Node one (cc is on the CI machines)', () => {
    expect(existsSync(NATIVE), 'node scripts/build-node.mjs talosctl builds out/lab/talosctl with cc').toBe(true)
  })

  // Node processes are slow to start on a loaded machine: a minute for a dozen of them.
  it('prints through the lab server byte for byte what the Node talosctl prints, one call or many at once', { timeout: 60_000 }, async () => {
    const { lab, talosconfig } = await labWithCluster()
    const cases = CASES(talosconfig)
    const expected = await Promise.all(cases.map((args) => talosctl(NODE_TALOSCTL, lab, args)))
    // The cases are what they claim: seven answers, then five distinct failures.
    expect(expected.map((r) => r.exitCode)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
    expect(new Set(expected.slice(7).map((r) => r.stderr)).size).toBe(5)
    served = await serveTalosctl(lab.file)
    const client = await serverOnlyClient(lab)
    for (const [i, args] of cases.entries()) {
      expect({ args, ...(await talosctl(client, lab, args)) }).toEqual({ args, ...expected[i]! })
    }
    const together = await Promise.all([...cases, ...cases].map((args) => talosctl(client, lab, args)))
    expect(together).toEqual([...expected, ...expected])
  })

  it('is the Node talosctl when the lab has no server socket, or a dead one', async () => {
    const { lab } = await labWithCluster()
    const args = maintenance('127.0.10.11', 'get', 'links', '-o', 'json')
    const expected = await talosctl(NODE_TALOSCTL, lab, args)
    expect(expected.exitCode).toBe(0)
    expect(await talosctl(NATIVE, lab, args)).toEqual(expected)
    // A socket left behind by a server that died refuses: the client falls back too.
    const dead = await serveTalosctl(lab.file)
    const sock = socketPathFor(lab.file)
    await dead!.close()
    await writeFile(sock, '')
    expect(await talosctl(NATIVE, lab, args)).toEqual(expected)
    // The server-only copy proves the fallback really is the Node script: it has none beside it.
    const orphan = await talosctl(await serverOnlyClient(lab), lab, args)
    expect(orphan.exitCode).not.toBe(0)
    expect(orphan.stderr).toContain('talosctl.js')
  })

  it('hands streaming and writing commands back to the Node talosctl', async () => {
    const { lab } = await labWithCluster()
    served = await serveTalosctl(lab.file)
    const client = await serverOnlyClient(lab)
    for (const args of [
      maintenance('127.0.10.11', 'dmesg', '-f'),
      maintenance('127.0.10.11', 'get', 'links', '-w'),
      ['gen', 'secrets', '-o', 'secrets.yaml']
    ]) {
      const r = await talosctl(client, lab, args)
      expect(r.exitCode, args.join(' ')).not.toBe(0)
      expect(r.stderr, args.join(' ')).toContain('talosctl.js')
    }
    // With the Node script beside it, the same hand-back runs the command.
    const r = await talosctl(NATIVE, lab, ['gen', 'secrets', '-o', 'secrets.yaml'])
    expect(r.exitCode).toBe(0)
    expect(existsSync(join(lab.dir, 'secrets.yaml'))).toBe(true)
  })

  it('ends a run whose client was killed, as killing the Node process would', async () => {
    const { lab } = await labWithCluster()
    served = await serveTalosctl(lab.file)
    const r = await talosctl(NATIVE, lab, maintenance('127.0.10.13', 'get', 'links'), 300)
    expect(r.timedOut).toBe(true)
    await expect.poll(() => served!.running(), { timeout: 2000 }).toBe(0)
  })

  it('serveLab opens the socket 0600 beside the lab file and removes it on close', async () => {
    const lab = await newLab({ machines: [preset('nvme-mini-pc')] })
    const net = await serveLab(lab, { port: 40000 + ((process.pid + 7) % 20000) })
    const sock = socketPathFor(lab.file)
    try {
      const s = await stat(sock)
      expect(s.isSocket()).toBe(true)
      expect(s.mode & 0o777).toBe(0o600)
      expect(sock.startsWith(lab.dir + '/')).toBe(true)
    } finally {
      await net.close()
    }
    expect(existsSync(sock)).toBe(false)
  })

  it('forwards exactly the env vars the lab reads', async () => {
    const { FORWARDED_ENV } = await import('../../src/lab/fast/protocol')
    const c = await readFile('src/lab/fast/talosctl-client.c', 'utf8')
    const inC = /FORWARDED_ENV\[\] = \{([^}]*)\}/
      .exec(c)![1]!
      .match(/"([A-Z_]+)"/g)!
      .map((s) => s.slice(1, -1))
    expect(inC).toEqual([...FORWARDED_ENV])
    // Every env read of the lab (through its io.env; process.env only in the process entry).
    const read = new Set<string>()
    for (const file of (await readdir('src/lab', { recursive: true })).filter((f) => f.endsWith('.ts'))) {
      const text = await readFile(join('src/lab', file), 'utf8')
      if (!file.endsWith('talosctl/bin.ts')) expect(text, file).not.toMatch(/process\.env/)
      for (const m of text.matchAll(/\benv(?:\.([A-Za-z_]+)|\[([^\]]+)\])/g)) read.add(m[1] ?? (m[2] === 'LAB_FILE_ENV' ? 'WILD_LAB_FILE' : m[2]!))
    }
    expect([...read].sort()).toEqual([...FORWARDED_ENV].sort())
  })
})
