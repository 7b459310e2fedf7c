import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RunOptions, RunResult, TalosRunner } from '@core/talos/runner'
import { createTalosApi } from '@core/talos/talos-api'
import { AppError } from '@shared/errors'

const sample = (name: string) => readFileSync(join(__dirname, 'fixtures', 'reference', `${name}.out`), 'utf8')

/** A runner that records calls and answers from a function. */
function fakeRunner(answer: (args: readonly string[], o: RunOptions) => RunResult | Error) {
  const calls: { args: readonly string[]; opts: RunOptions }[] = []
  const runner: TalosRunner = {
    talosctlPath: 'talosctl',
    async run(args, opts = {}) {
      calls.push({ args, opts })
      const r = answer(args, opts)
      if (r instanceof Error) throw r
      for (const line of r.stderr.split('\n').filter(Boolean)) opts.onLine?.('stderr', line)
      return r
    }
  }
  return { runner, calls }
}

describe('createTalosApi', () => {
  it('reads disks in maintenance mode without handing over any talosconfig', async () => {
    const { runner, calls } = fakeRunner(() => ({ stdout: sample('disks'), stderr: '' }))
    const api = createTalosApi(runner)
    const disks = await api.disks({ node: '192.168.1.50', insecure: true, talosconfig: '/i/talosconfig' })
    expect(disks.map((d) => d.spec.dev_path)).toEqual(['/dev/nvme0n1', '/dev/sda'])
    expect(calls[0]!.opts.talosconfig).toBeUndefined()
    expect(calls[0]!.opts.timeoutMs).toBe(20_000)
  })

  it('hands the talosconfig to calls that use credentials, and passes the signal through', async () => {
    const { runner, calls } = fakeRunner(() => ({ stdout: sample('systemdisk'), stderr: '' }))
    const api = createTalosApi(runner)
    const signal = new AbortController().signal
    const sys = await api.systemDisk({ node: '192.168.1.50', talosconfig: '/i/talosconfig', signal, timeoutMs: 5000 })
    expect(sys?.spec.devPath).toBe('/dev/nvme0n1')
    expect(calls[0]!.opts).toMatchObject({ talosconfig: '/i/talosconfig', signal, timeoutMs: 5000 })
  })

  it('returns null for a singleton resource that prints nothing (no system disk yet)', async () => {
    const api = createTalosApi(fakeRunner(() => ({ stdout: '', stderr: '' })).runner)
    expect(await api.systemDisk({ node: '1.2.3.4', insecure: true })).toBeNull()
  })

  it('reads the Talos version resource, and null on v1.9 where the type does not exist', async () => {
    const v110 = createTalosApi(
      fakeRunner(() => ({
        stdout:
          '{"metadata": {"id": "version", "namespace": "runtime", "type": "Versions.runtime.talos.dev", "version": 1}, "node": "", "spec": {"version": "v1.10.9"}}\n',
        stderr: ''
      })).runner
    )
    expect(await v110.talosVersion({ node: '1.2.3.4', insecure: true })).toBe('v1.10.9')
    const v19 = createTalosApi(fakeRunner(() => new AppError('NOT_FOUND', 'resource "version" is not registered')).runner)
    expect(await v19.talosVersion({ node: '1.2.3.4', insecure: true })).toBeNull()
  })

  it('parses `talosctl version` and the client tag', async () => {
    const api = createTalosApi(fakeRunner(() => ({ stdout: sample('version'), stderr: '' })).runner)
    expect((await api.version({ node: '192.168.1.50', talosconfig: '/t' })).servers[0]?.tag).toBe('v1.11.6')
    expect(await api.clientVersion()).toBe('v1.11.6')
  })

  it('refuses version output with no blocks as MALFORMED_OUTPUT', async () => {
    const api = createTalosApi(fakeRunner(() => ({ stdout: 'talosctl: command not understood\n', stderr: '' })).runner)
    await expect(api.clientVersion()).rejects.toMatchObject({ code: 'MALFORMED_OUTPUT' })
  })

  it('returns the apply-config summary from stderr', async () => {
    const { runner, calls } = fakeRunner(() => ({
      stdout: '',
      stderr: 'Dry run summary:\nNode is running in maintenance mode and does not have a config yet.\n'
    }))
    const r = await createTalosApi(runner).applyConfig({ target: { node: '192.168.1.50', insecure: true }, file: '/f.yaml', dryRun: true })
    expect(r.summary).toMatch(/^Dry run summary/)
    expect(calls[0]!.opts.timeoutMs).toBe(120_000)
  })

  it('streams health progress as parsed events and lets the runner outlive the wait-timeout', async () => {
    const stderr = 'discovered nodes: ["10.0.0.5"]\nwaiting for etcd to be healthy: ...\nwaiting for etcd to be healthy: OK\n'
    const { runner, calls } = fakeRunner(() => ({ stdout: '', stderr }))
    const events: unknown[] = []
    const lines: string[] = []
    await createTalosApi(runner).health(
      { target: { node: '10.0.0.5', talosconfig: '/t' }, waitTimeoutMs: 60_000 },
      { onProgress: (e) => events.push(e), onLine: (_s, l) => lines.push(l) }
    )
    expect(events).toEqual([
      { kind: 'discovered', nodes: ['10.0.0.5'] },
      { kind: 'condition', condition: 'etcd to be healthy', state: 'waiting', detail: null },
      { kind: 'condition', condition: 'etcd to be healthy', state: 'ok', detail: null }
    ])
    expect(lines).toHaveLength(3)
    expect(calls[0]!.opts.timeoutMs).toBe(120_000)
    expect(calls[0]!.opts.talosconfig).toBe('/t')
  })

  it('returns the generated file paths of gen config', async () => {
    const { runner, calls } = fakeRunner(() => ({ stdout: '', stderr: 'generating PKI and tokens\n' }))
    const files = await createTalosApi(runner).genConfig({
      clusterName: 'home',
      endpoint: 'https://192.168.1.40:6443',
      secretsFile: '/i/secrets.yaml',
      talosVersion: 'v1.11',
      kubernetesVersion: '1.34.1',
      outputDir: '/i/generated'
    })
    expect(files).toEqual({ controlplane: '/i/generated/controlplane.yaml', worker: '/i/generated/worker.yaml', talosconfig: '/i/generated/talosconfig' })
    expect(calls[0]!.opts.talosconfig).toBeUndefined()
  })

  it('runs config subcommands against the given talosconfig', async () => {
    const { runner, calls } = fakeRunner(() => ({ stdout: '', stderr: 'renamed talosconfig context "home" -> "home-1"\n' }))
    const api = createTalosApi(runner)
    await api.configEndpoint('/i/talosconfig', ['10.0.0.5'])
    expect(await api.configMerge('/i/talosconfig', '/tmp/other')).toMatch(/renamed/)
    expect(calls.map((c) => c.opts.talosconfig)).toEqual(['/i/talosconfig', '/i/talosconfig'])
  })

  it('passes runner errors through unchanged', async () => {
    const api = createTalosApi(fakeRunner(() => new AppError('NODE_UNREACHABLE', 'x')).runner)
    await expect(api.links({ node: '1.2.3.4', insecure: true })).rejects.toMatchObject({ code: 'NODE_UNREACHABLE' })
  })
})
