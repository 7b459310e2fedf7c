import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { stringify } from 'yaml'
import { describe, expect, it } from 'vitest'
import { runBootstrap, type BootstrapTalos } from '@core/cluster/bootstrap'
import { timingWith } from '@core/cluster/timing'
import type { NodeRecord } from '@core/nodes/model'
import type { OperationHandle } from '@core/operations/types'
import { instancePaths } from '@core/paths'
import type { ClusterSettings } from '@shared/contract/cluster'
import { AppError } from '@shared/errors'
import { withTempDir } from '../../helpers/tmp'

const cp: NodeRecord = {
  hostname: 'cp-1',
  role: 'controlplane',
  mac: null,
  targetIp: '10.0.0.11',
  currentIp: '10.0.0.11',
  interface: null,
  disk: null,
  version: 'v1.11.6',
  schematicId: null,
  configured: true,
  deployed: true,
  applied: true,
  state: 'ready',
  stateReason: null
}
const settings = { bootstrapped: null } as ClusterSettings

function handle() {
  const log: string[] = []
  const steps: string[] = []
  const op = {
    id: 'op_bootstrap_1',
    signal: new AbortController().signal,
    async step(name: string, fn: () => Promise<unknown>) {
      steps.push(name)
      return fn()
    },
    skip: (name: string) => steps.push(`skip ${name}`),
    progress: () => {},
    message: () => {},
    log: (l: string) => log.push(l),
    bytes: () => {}
  } as unknown as OperationHandle
  return { op, log, steps }
}

function fakeTalos(bootstrapErrors: AppError[]) {
  const calls: string[] = []
  const talos: BootstrapTalos = {
    version: async () => ({ client: null, servers: [{ node: null, tag: 'v1.11.6', sha: null, goVersion: null, osArch: null, enabled: null }] }),
    machineStatus: async () => null,
    configEndpoint: async (_f, eps) => void calls.push(`endpoint ${eps.join(',')}`),
    configNode: async (_f, nodes) => void calls.push(`node ${nodes.join(',')}`),
    bootstrap: async () => {
      calls.push('bootstrap')
      const e = bootstrapErrors.shift()
      if (e) throw e
    },
    health: async (_i, o) => {
      o?.onProgress?.({ kind: 'condition', condition: 'etcd to be healthy', state: 'ok', detail: null })
    },
    kubeconfig: async (input) => {
      await writeFile(input.output, stringify({ clusters: [{ name: 'lab' }], users: [], contexts: [{ name: 'admin@lab' }], 'current-context': 'admin@lab' }))
      return input.output
    }
  }
  return { talos, calls }
}

async function run(dir: string, errors: AppError[], s = settings) {
  const p = instancePaths(dir, 'lab')
  await mkdir(dirname(p.talosconfig), { recursive: true })
  await writeFile(p.talosconfig, 'context: lab\n')
  const { talos, calls } = fakeTalos(errors)
  const recorded: string[] = []
  const h = handle()
  await runBootstrap(
    { talos, paths: () => p, timing: timingWith({ pollMs: 5, bootstrapRetryMs: 2_000 }), recordBootstrapped: async (_i, host) => void recorded.push(host) },
    { instance: 'lab', node: cp, nodes: [cp], settings: s },
    h.op
  )
  return { calls, recorded, ...h }
}

describe('bootstrap job', () => {
  it('retries quietly while the node says it is not ready yet, then records the bootstrap', async () => {
    await withTempDir(async (dir) => {
      const notYet = (d: string) => new AppError('BUSY', `10.0.0.11 is not ready for "bootstrap" yet (${d}).`)
      const r = await run(dir, [notYet('time is not in sync yet'), notYet('bootstrap is not available yet')])
      expect(r.calls.filter((c) => c === 'bootstrap')).toHaveLength(3)
      expect(r.calls.slice(0, 2)).toEqual(['endpoint 10.0.0.11', 'node 10.0.0.11'])
      expect(r.recorded).toEqual(['cp-1'])
      expect(r.steps).toContain('Fetch kubeconfig')
    })
  })

  it('counts AlreadyExists as done, with a notice in the log', async () => {
    await withTempDir(async (dir) => {
      const r = await run(dir, [new AppError('ALREADY_BOOTSTRAPPED', 'etcd data directory is not empty')])
      expect(r.log.join('\n')).toMatch(/Notice: the cluster on cp-1 was already bootstrapped/)
      expect(r.recorded).toEqual(['cp-1'])
    })
  })

  it('never bootstraps a cluster recorded as bootstrapped', async () => {
    await withTempDir(async (dir) => {
      const r = await run(dir, [], { bootstrapped: { node: 'cp-1', at: '2025-11-26T10:00:00Z' } } as ClusterSettings)
      expect(r.calls).not.toContain('bootstrap')
      expect(r.steps).toContain('skip Bootstrap etcd')
    })
  })

  it('stops on a real failure', async () => {
    await withTempDir(async (dir) => {
      await expect(run(dir, [new AppError('CERT_OR_AUTH', 'refused')])).rejects.toMatchObject({ code: 'CERT_OR_AUTH' })
    })
  })
})
