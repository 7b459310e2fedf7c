import { createHash } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { eventually, run, secure, twoNodeCluster } from './lab-helpers'

/**
 * `talosctl etcd snapshot` / `etcd members` as the Talos docs show them: the two output lines,
 * the size etcd gives a snapshot (n×512 plus a 32-byte sha256), control planes only.
 */

const TIMING = { installDelayMs: 100, rebootDelayMs: 100, bootDelayMs: 50, healthStepMs: 10 }
const SAVED = /^etcd snapshot saved to "db\.snapshot" \((\d+) bytes\)\nsnapshot info: hash [0-9a-f]{8}, revision \d+, total keys \d+, total size (\d+)\n$/
const WORKER_REFUSAL = 'rpc error: code = Unimplemented desc = etcd snapshot is only available on control plane nodes'

const cluster = (bootstrap = true) => twoNodeCluster(TIMING, bootstrap)

describe('talosctl etcd snapshot (lab)', () => {
  it('saves a 0600 snapshot with the documented two lines, sized n×512+32 with the sha256 at the end', async () => {
    const lab = await cluster()
    const r = await secure(lab, '127.0.10.11', 'etcd', 'snapshot', 'db.snapshot')
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(0)
    const m = SAVED.exec(r.stdout)
    expect(m).not.toBeNull()
    const bytes = await readFile(join(lab.dir, 'db.snapshot'))
    expect(bytes.length).toBe(Number(m![1]))
    expect(bytes.length % 512).toBe(32)
    const body = bytes.subarray(0, bytes.length - 32)
    expect(bytes.subarray(bytes.length - 32)).toEqual(createHash('sha256').update(body).digest())
    expect((await stat(join(lab.dir, 'db.snapshot'))).mode & 0o777).toBe(0o600)
    expect(await readdir(lab.dir)).not.toContain('db.snapshot.part')
  }, 20_000)

  it('refuses a worker with the Unimplemented text and leaves no file', async () => {
    const lab = await cluster()
    const r = await secure(lab, '127.0.10.12', 'etcd', 'snapshot', 'db.snapshot')
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toBe(`error reading: ${WORKER_REFUSAL}\n`)
    expect((await readdir(lab.dir)).filter((f) => f.startsWith('db.snapshot'))).toEqual([])
  }, 20_000)

  it('refuses more than one node', async () => {
    const lab = await cluster()
    const r = await secure(lab, '127.0.10.11,127.0.10.12', 'etcd', 'snapshot', 'db.snapshot')
    expect(r.stderr).toContain('command "etcd snapshot" is not supported with multiple nodes')
    expect(r.exitCode).toBe(1)
  }, 20_000)

  it('is refused before bootstrap: etcd is not running', async () => {
    const lab = await cluster(false)
    const r = await secure(lab, '127.0.10.11', 'etcd', 'snapshot', 'db.snapshot')
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(/^error reading: rpc error: code = FailedPrecondition desc = etcd is not running/)
  }, 20_000)

  it('an aborted stream removes its .part file', async () => {
    const lab = await cluster()
    await lab.setFaults('nvme-mini-pc', { slowMs: 200 })
    const ac = new AbortController()
    const pending = run(lab, ['--talosconfig', 'o/talosconfig', '-e', '127.0.10.11', '-n', '127.0.10.11', 'etcd', 'snapshot', 'db.snapshot'], {
      signal: ac.signal
    })
    await eventually(async () => ((await readdir(lab.dir)).includes('db.snapshot.part') ? true : undefined))
    ac.abort()
    expect((await pending).exitCode).not.toBe(0)
    expect((await readdir(lab.dir)).filter((f) => f.startsWith('db.snapshot'))).toEqual([])
  }, 20_000)
})

describe('talosctl etcd members (lab)', () => {
  it('prints the documented columns, one row per control plane', async () => {
    const lab = await cluster()
    const r = await secure(lab, '127.0.10.11', 'etcd', 'members')
    expect(r.exitCode).toBe(0)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines[0]!.split(/\s{2,}/)).toEqual(['NODE', 'ID', 'HOSTNAME', 'PEER URLS', 'CLIENT URLS', 'LEARNER'])
    expect(lines).toHaveLength(2)
    expect(lines[1]).toMatch(/^127\.0\.10\.11\s+[0-9a-f]{16}\s+\S+\s+https:\/\/127\.0\.10\.11:2380\s+https:\/\/127\.0\.10\.11:2379\s+false$/)
  }, 20_000)

  it('a worker answers "member list is only available on control plane nodes"', async () => {
    const lab = await cluster()
    const r = await secure(lab, '127.0.10.12', 'etcd', 'members')
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toContain('127.0.10.12: rpc error: code = Unimplemented desc = member list is only available on control plane nodes')
  }, 20_000)
})
