import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLI, runWild } from '../../helpers/cli'
import { makeTempDir } from '../../helpers/tmp'

/**
 * Issue 17 item 9: a `wild` read starts no faster than the modules it loads. The boot and scan
 * servers (http), the zip writer (zlib), prompts (readline), execa and the file-lock and
 * atomic-write libraries (worker_threads, assert) load with the verbs that use them, not for a
 * node list. (dgram is not checked: commander loads child_process, which loads it.)
 */
const NOT_AT_START = ['http', 'zlib', 'readline/promises', 'worker_threads', 'assert']
const NO_CHUNK = /[/\\](execa|yazl|proper-lockfile|write-file-atomic)[^/\\]*\.js$/

describe('what `wild node list` loads', () => {
  it('no server, zip, prompt, child-process or lock library: those load with the verbs that use them', { timeout: 30_000 }, async () => {
    const dir = await makeTempDir()
    const data = join(dir, 'data')
    expect((await runWild(['--data-dir', data, 'instance', 'create', 'home'])).code).toBe(0)
    expect((await runWild(['--data-dir', data, 'node', 'add', 'cp-1', '--role', 'controlplane', '--target-ip', '192.0.2.11'])).code).toBe(0)
    // The first list writes the read cache (write-file-atomic, so worker_threads); the probe is of a list after it.
    expect((await runWild(['--data-dir', data, 'node', 'list'])).code).toBe(0)
    const report = join(dir, 'loaded.json')
    const probe = join(dir, 'probe.cjs')
    writeFileSync(
      probe,
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify({ builtins: process.moduleLoadList, files: Object.keys(require.cache) })))\n`
    )
    // As `node --require`, and without the test runner's NODE_OPTIONS: with NODE_OPTIONS set, Node itself loads worker_threads.
    const list = execFileSync(process.execPath, ['--require', probe, CLI, '--data-dir', data, 'node', 'list', '--json'], {
      encoding: 'utf8',
      env: { ...process.env, WILD_CENTRAL_DATA: '', NODE_OPTIONS: '' },
      timeout: 20_000
    })
    expect((JSON.parse(list) as { hostname: string }[]).map((n) => n.hostname)).toEqual(['cp-1'])
    const loaded = JSON.parse(readFileSync(report, 'utf8')) as { builtins: string[]; files: string[] }
    expect(NOT_AT_START.filter((m) => loaded.builtins.includes(`NativeModule ${m}`))).toEqual([])
    expect(loaded.files.filter((f) => NO_CHUNK.test(f))).toEqual([])
  })

  it('is read as ASCII: one non-ASCII character makes V8 hold the whole 1 MB source as a two-byte string', { timeout: 30_000 }, async () => {
    const bundle = readFileSync(join(dirname(CLI), 'main.js'), 'utf8')
    const nonAscii = [...new Set(bundle.match(/[\u0080-\uffff]/g) ?? [])]
    expect(nonAscii, 'scripts/build-node.mjs escapes these as \\uXXXX').toEqual([])
    // The escapes are the same characters: what wild prints is unchanged.
    const help = await runWild(['node', '--help'])
    expect(help.stdout).toContain('(kubelet, etcd, apid, …)')
  })
})
