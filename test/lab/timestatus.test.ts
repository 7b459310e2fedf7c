import { describe, expect, it } from 'vitest'
import { preset } from '../../src/lab/machines'
import { newLab, run, splitObjects } from './lab-helpers'

/**
 * `talosctl get timestatus` (TimeStatuses.v1alpha1.talos.dev, pkg/machinery/resources/time/status.go):
 * one resource, id "node", spec {synced, epoch, syncDisabled}, table column SYNCED.
 */

describe('get timestatus', () => {
  it('prints the one TimeStatus resource of a maintenance machine as JSON', async () => {
    const lab = await newLab({ machines: [preset('nvme-mini-pc')] })
    const r = await run(lab, ['get', 'timestatus', '--insecure', '-n', '127.0.10.11', '-o', 'json'])
    expect(r.exitCode).toBe(0)
    const docs = splitObjects(r.stdout).map((s) => JSON.parse(s) as { metadata: Record<string, unknown>; spec: Record<string, unknown> })
    expect(docs).toHaveLength(1)
    expect(docs[0]!.metadata).toMatchObject({ namespace: 'runtime', type: 'TimeStatuses.v1alpha1.talos.dev', id: 'node' })
    expect(docs[0]!.spec).toEqual({ epoch: 0, synced: true, syncDisabled: false })
  })

  it('shows SYNCED in the table', async () => {
    const lab = await newLab({ machines: [preset('nvme-mini-pc')] })
    const r = await run(lab, ['get', 'timestatuses', '--insecure', '-n', '127.0.10.11'])
    expect(r.exitCode).toBe(0)
    expect(r.stdout.split('\n')[0]).toMatch(/^NODE\s+NAMESPACE\s+TYPE\s+ID\s+VERSION\s+SYNCED$/)
    expect(r.stdout.split('\n')[1]).toMatch(/\s+runtime\s+TimeStatus\s+node\s+1\s+true$/)
  })
})
