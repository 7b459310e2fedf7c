import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LabFile } from '../../src/lab/model'
import { allPresets, configuredNode, preset } from '../../src/lab/machines'
import { renderTalosconfig } from '../../src/lab/talosctl/talosconfig'
import { fake, newLab } from './lab-helpers'

/** Many fake talosctl processes at once, as discovery runs them, must not corrupt the lab. */

describe('concurrent invocations', () => {
  it('answers many parallel identifications and consumes failNext exactly once per call', async () => {
    const error = 'rpc error: code = Unavailable desc = flaky'
    const machines = allPresets().filter((m) => m.id !== 'configured-node')
    machines[0] = { ...machines[0]!, faults: { failNext: { count: 5, error } } }
    const lab = await newLab({ machines })
    const ips = machines.map((m) => m.ip)
    const calls = ips.map((ip) => fake(lab, ['get', 'machinestatus', '--insecure', '-n', ip, '-o', 'json']))
    const flaky = Array.from({ length: 7 }, () => fake(lab, ['get', 'hostname', '--insecure', '-n', ips[0]!, '-o', 'json']))
    const results = await Promise.all(calls)
    const flakyResults = await Promise.all(flaky)
    const failedFirst = [results[0]!, ...flakyResults].filter((r) => r.exitCode !== 0)
    expect(failedFirst).toHaveLength(5)
    for (const r of failedFirst) expect(r.stderr).toContain(error)
    for (const r of results.slice(1)) {
      expect(r.exitCode).toBe(0)
      expect(JSON.parse(r.stdout).spec.stage).toBe('maintenance')
    }
    const after = LabFile.parse(JSON.parse(await readFile(lab.file, 'utf8')))
    expect(after.machines.find((m) => m.id === machines[0]!.id)?.faults.failNext?.count).toBe(0)
    expect(after.machines).toHaveLength(machines.length)
  })

  it('lets exactly one of several simultaneous bootstraps win', async () => {
    const node = configuredNode('127.0.10.19')
    const lab = await newLab({ machines: [{ ...node.machine, bootstrapped: false }, preset('nvme-mini-pc')] })
    const cfg = structuredClone(node.talosconfig)
    cfg.contexts['other-cluster']!.endpoints = ['127.0.10.19']
    cfg.contexts['other-cluster']!.nodes = ['127.0.10.19']
    const path = join(lab.dir, 'talosconfig')
    await writeFile(path, renderTalosconfig(cfg))
    const results = await Promise.all(Array.from({ length: 6 }, () => fake(lab, ['--talosconfig', path, 'bootstrap'])))
    expect(results.filter((r) => r.exitCode === 0)).toHaveLength(1)
    for (const r of results.filter((x) => x.exitCode !== 0)) {
      expect(r.stderr).toBe('error executing bootstrap: rpc error: code = AlreadyExists desc = etcd data directory is not empty\n')
    }
    expect((await lab.machineById('configured-node'))?.machine.bootstrapped).toBe(true)
  })
})
