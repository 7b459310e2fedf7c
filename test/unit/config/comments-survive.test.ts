import { readFile } from 'node:fs/promises'
import fc from 'fast-check'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { createNodeService } from '@core/nodes/nodes'
import { withTempDir } from '../../helpers/tmp'
import { COMMENTED, makeInstance } from './helpers'

type Edit =
  | { kind: 'prefix'; value: string }
  | { kind: 'dns'; count: number }
  | { kind: 'schedule'; value: boolean }
  | { kind: 'domain'; value: string }
  | { kind: 'add'; n: number }
  | { kind: 'update'; n: number; disk: string }
  | { kind: 'delete'; n: number }
  | { kind: 'keepDisk'; disk: string }

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('prefix' as const), value: fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/) }),
  fc.record({ kind: fc.constant('dns' as const), count: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant('schedule' as const), value: fc.boolean() }),
  // Free text in a key the app does not know: YAML-looking on purpose.
  fc.record({
    kind: fc.constant('domain' as const),
    value: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('a: b', '# not a comment', '{{ x }}', '&anchor', '- item', 'true', '', '"q"'))
  }),
  fc.record({ kind: fc.constant('add' as const), n: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ kind: fc.constant('update' as const), n: fc.integer({ min: 0, max: 9 }), disk: fc.constantFrom('/dev/sda', '/dev/nvme0n1', '/dev/vdb') }),
  fc.record({ kind: fc.constant('delete' as const), n: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ kind: fc.constant('keepDisk' as const), disk: fc.constantFrom('/dev/sda', '/dev/nvme0n1') })
)

const COMMENTS = COMMENTED.split('\n')
  .map((l) => /#.*$/.exec(l)?.[0])
  .filter((c): c is string => !!c)

function keyOrder(text: string): string[] {
  const doc = parse(text) as { cluster: Record<string, unknown> }
  return [...Object.keys(doc), ...Object.keys(doc.cluster)]
}

describe('comments and key order survive edits', () => {
  it('keeps every comment and the key order through 100 random edits', async () => {
    const [edits] = fc.sample(fc.array(editArb, { minLength: 100, maxLength: 100 }), { seed: 20251126, numRuns: 1 })
    await withTempDir(async (dir) => {
      const { store, config, events, file } = await makeInstance(dir, 'lab', COMMENTED)
      const nodes = createNodeService({ store, events, dataDir: dir })
      const present = new Set<number>()
      const order = keyOrder(COMMENTED)
      let domain = 'example.org'
      for (const e of edits!) {
        switch (e.kind) {
          case 'prefix':
            await config.updateSettings('lab', { hostnamePrefix: e.value })
            break
          case 'dns':
            await config.updateSettings('lab', { network: { dnsServers: ['10.5.0.1', '1.1.1.1', '9.9.9.9'].slice(0, e.count) } })
            break
          case 'schedule':
            await config.updateSettings('lab', { allowSchedulingOnControlPlanes: e.value })
            break
          case 'domain':
            await config.setValue('lab', 'cloud.domain', e.value)
            domain = e.value
            break
          case 'add':
            await nodes.add('lab', { hostname: `n-${e.n}`, role: 'worker', targetIp: `10.5.0.${50 + e.n}` })
            present.add(e.n)
            break
          case 'update':
            if (present.has(e.n)) await nodes.update('lab', `n-${e.n}`, { disk: e.disk })
            break
          case 'delete':
            if (present.has(e.n)) await nodes.remove('lab', `n-${e.n}`, { confirm: `n-${e.n}` })
            present.delete(e.n)
            break
          case 'keepDisk':
            await nodes.update('lab', 'keep-1', { disk: e.disk })
            break
        }
        const text = await readFile(file, 'utf8')
        for (const c of COMMENTS) expect(text, `after ${JSON.stringify(e)}`).toContain(c)
        expect(keyOrder(text).slice(0, order.length)).toEqual(order)
      }
      const final = await store.read('lab')
      expect((final.config.cloud as Record<string, unknown>).domain).toBe(domain)
      expect((await nodes.list('lab')).map((n) => n.hostname).sort()).toEqual(['keep-1', ...[...present].map((n) => `n-${n}`)].sort())
    })
  })
})
