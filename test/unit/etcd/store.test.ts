import { createHash } from 'node:crypto'
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chooseSnapshotSource } from '@core/etcd/etcd'
import { fileStamp, finishSnapshot, listSnapshots, prepareSnapshot, snapshotsDir } from '@core/etcd/store'
import type { NodeRecord } from '@core/nodes/model'
import { etcdSnapshotArgs } from '@core/talos/talos-args'
import { withTempDir } from '../../helpers/tmp'

const META = { takenAt: '2026-12-06T17:00:00.000Z', node: 'cp-1', talosVersion: 'v1.11.6', kubernetesVersion: '1.34.1' }

describe('etcd snapshot files', () => {
  it('names files by UTC time and node, sortable and without colons', () => {
    expect(fileStamp(new Date('2026-12-06T17:12:59.123Z'))).toBe('2026-12-06T17-12-59.123Z')
  })

  it('never gives two snapshots taken at the same moment the same file: a backup is not overwritten', async () => {
    await withTempDir(async (root) => {
      const at = new Date(META.takenAt)
      const first = await prepareSnapshot(root, at, 'cp-1')
      const body = Buffer.alloc(512, 1)
      await writeFile(first.work, Buffer.concat([body, createHash('sha256').update(body).digest()]))
      await finishSnapshot(first, META)
      const second = await prepareSnapshot(root, at, 'cp-1')
      expect(second.final).not.toBe(first.final)
      expect(second.sidecar).not.toBe(first.sidecar)
    })
  })

  it('refuses a file whose size is not n×512+32 (a cut stream), keeping no final file', async () => {
    await withTempDir(async (root) => {
      const p = await prepareSnapshot(root, new Date(META.takenAt), 'cp-1')
      await writeFile(p.work, Buffer.alloc(4096))
      await expect(finishSnapshot(p, META)).rejects.toMatchObject({ code: 'MALFORMED_OUTPUT' })
      expect((await readdir(snapshotsDir(root))).filter((f) => !f.endsWith('.part'))).toEqual([])
    })
  })

  it('lists snapshots newest first and a missing sidecar as unreadable', async () => {
    await withTempDir(async (root) => {
      for (const [t, node] of [
        ['2026-01-01T00:00:00.000Z', 'cp-1'],
        ['2026-02-01T00:00:00.000Z', 'cp-2']
      ] as const) {
        const p = await prepareSnapshot(root, new Date(t), node)
        const body = Buffer.alloc(1024, 7)
        await writeFile(p.work, Buffer.concat([body, createHash('sha256').update(body).digest()]))
        await finishSnapshot(p, { ...META, takenAt: t, node })
      }
      await mkdir(snapshotsDir(root), { recursive: true })
      await writeFile(join(snapshotsDir(root), '2026-03-01T00-00-00Z-cp-3.snapshot'), 'x')
      const list = await listSnapshots(root)
      expect(list.map((s) => (s.status === 'ok' ? s.node : s.status))).toEqual(['unreadable', 'cp-2', 'cp-1'])
      expect(list[0]).toMatchObject({ reason: expect.stringContaining('is missing') })
      expect(list[1]).toMatchObject({ sizeBytes: 1056 })
    })
  })
})

describe('where a snapshot is taken from', () => {
  const nodes = [
    { hostname: 'w-1', role: 'worker', deployed: true, targetIp: '127.0.10.21', state: 'ready' },
    { hostname: 'cp-2', role: 'controlplane', deployed: false, targetIp: '127.0.10.12', state: 'added' },
    { hostname: 'cp-1', role: 'controlplane', deployed: true, targetIp: '127.0.10.11', state: 'ready' }
  ] as unknown as NodeRecord[]

  it('defaults to the first set-up control plane, and accepts a hostname or address', () => {
    expect(chooseSnapshotSource(nodes)).toEqual({ name: 'cp-1', ip: '127.0.10.11' })
    expect(chooseSnapshotSource(nodes, '127.0.10.21')).toEqual({ name: 'w-1', ip: '127.0.10.21' })
    expect(chooseSnapshotSource(nodes, '127.0.10.99')).toEqual({ name: '127.0.10.99', ip: '127.0.10.99' })
    expect(() => chooseSnapshotSource([])).toThrow(/no set-up control-plane node/)
    expect(() => chooseSnapshotSource(nodes, '--oops')).toThrow(/no node "--oops"/)
  })

  it('passes the path and the node to talosctl, never a flag-looking path', () => {
    expect(etcdSnapshotArgs({ target: { node: '127.0.10.11', talosconfig: '/t' }, path: '/s/a.snapshot.part' })).toEqual([
      'etcd',
      'snapshot',
      '/s/a.snapshot.part',
      '-e',
      '127.0.10.11',
      '-n',
      '127.0.10.11'
    ])
    expect(() => etcdSnapshotArgs({ target: { node: '127.0.10.11' }, path: '-rf' })).toThrow()
  })
})
