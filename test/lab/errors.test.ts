import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { configuredNode, preset } from '../../src/lab/machines'
import { renderTalosconfig, type Talosconfig } from '../../src/lab/talosctl/talosconfig'
import { ERRORS, VERSION_UNIMPLEMENTED_IN_MAINTENANCE } from './fixtures/talos-reference'
import { fake, newLab, run } from './lab-helpers'

/** Every failure prints the reference's text on stderr and exits 1. */

/** The error talosctl prints in the situation `label` (the nth variant where there are several). */
function tableError(label: string, nth = 0): string {
  const texts = ERRORS[label]
  if (!texts?.[nth]) throw new Error(`no reference error for ${label} #${nth}`)
  return texts[nth]
}

async function labWithConfigured(timing = {}) {
  const node = configuredNode('127.0.10.19')
  const lab = await newLab({ machines: [preset('nvme-mini-pc'), node.machine], timing })
  const cfgPath = join(lab.dir, 'talosconfig')
  const cfg: Talosconfig = structuredClone(node.talosconfig)
  cfg.contexts['other-cluster']!.endpoints = ['127.0.10.19']
  await writeFile(cfgPath, renderTalosconfig(cfg))
  return { lab, cfgPath, cfg }
}

describe('error texts and exit codes', () => {
  it('reports a closed port as the reference "connection refused" text', async () => {
    const lab = await newLab({ machines: [] })
    const r = await fake(lab, ['version', '--insecure', '-n', '127.0.10.200'])
    const want = tableError('port closed').replaceAll('192.168.1.50', '127.0.10.200')
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toBe(`error getting version: ${want}\n`)
  })

  it('reports an unreachable machine with the "no route to host" variant', async () => {
    const lab = await newLab({ machines: [preset('nvme-mini-pc', { faults: { unreachable: 'no-route' } })] })
    const r = await run(lab, ['apply-config', '-i', '-n', '127.0.10.11', '-f', 'x.yaml'])
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toContain('failed to read configuration from "x.yaml"')
    const g = await run(lab, ['get', 'disks', '-i', '-n', '127.0.10.11'])
    expect(g.exitCode).toBe(1)
    expect(g.stderr).toBe(
      '1 error occurred:\n\t* rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 127.0.10.11:50000: connect: no route to host"\n\n\n'
    )
  })

  it('reports a silent host as the reference i/o timeout after the dial timeout', async () => {
    const lab = await newLab({ machines: [], absentHost: 'timeout', timing: { dialTimeoutMs: 200 } })
    const t0 = Date.now()
    const r = await run(lab, ['version', '-i', '-n', '127.0.10.201'])
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190)
    const want = tableError('host silent')
      .replace(/^after ~20 s: /, '')
      .replaceAll('10.0.22.188', '127.0.10.201')
    expect(r.stderr).toBe(`error getting version: ${want}\n`)
    expect(r.exitCode).toBe(1)
  })

  it('refuses maintenance-only Version with Unimplemented, after printing the Client block and Server:', async () => {
    const lab = await newLab({ machines: [preset('nvme-mini-pc')] })
    const r = await fake(lab, ['version', '--insecure', '-n', '127.0.10.11'])
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(/^Client:\n\tTag: {9}v1\.11\.6\n[\s\S]*\nServer:\n$/)
    expect(r.stderr.trim()).toBe(VERSION_UNIMPLEMENTED_IN_MAINTENANCE)
    expect(r.stderr).toBe('error getting version: rpc error: code = Unimplemented desc = API is not implemented in maintenance mode\n')
  })

  it('answers --insecure against a configured node with "tls: certificate required"', async () => {
    const { lab } = await labWithConfigured()
    const r = await run(lab, ['get', 'machinestatus', '-i', '-n', '127.0.10.19', '-o', 'json'])
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toContain(tableError('`--insecure` against a **configured** node', 1))
  })

  it('fails a talosconfig against a maintenance node with x509 unknown authority', async () => {
    const { lab, cfgPath } = await labWithConfigured()
    const r = await run(lab, ['--talosconfig', cfgPath, '-e', '127.0.10.11', '-n', '127.0.10.11', 'get', 'machinestatus'])
    const want = tableError('talosconfig CA vs maintenance node').replace(/^… /, '')
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toContain(want)
    expect(r.stderr).not.toContain('possibly because')
  })

  it('fails a talosconfig from another cluster with the Ed25519 candidate-authority variant', async () => {
    const { lab, cfgPath } = await labWithConfigured()
    const other = configuredNode('127.0.10.19').talosconfig
    const ctx = other.contexts['other-cluster']!
    other.contexts['other-cluster'] = { ...ctx, endpoints: ['127.0.10.19'] }
    const otherPath = join(lab.dir, 'other-talosconfig')
    await writeFile(otherPath, renderTalosconfig(other))
    const ok = await run(lab, ['--talosconfig', cfgPath, '-n', '127.0.10.19', 'get', 'hostname', '-o', 'json'])
    expect(ok.exitCode).toBe(0)
    const r = await run(lab, ['--talosconfig', otherPath, '-n', '127.0.10.19', 'get', 'hostname', '-o', 'json'])
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toContain('x509: certificate signed by unknown authority ' + tableError('talosconfig from another cluster').replace(/^same, plus /, ''))
  })

  it('says endpoints are missing when neither the talosconfig nor -e gives one', async () => {
    const lab = await newLab({ machines: [preset('nvme-mini-pc')] })
    const r = await fake(lab, ['--talosconfig', join(lab.dir, 'new-talosconfig'), '-n', '127.0.10.11', 'get', 'disks'])
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toBe(tableError('no endpoints in talosconfig') + '\n')
  })

  it('says the talosconfig is empty when -e is given, and creates the missing file empty like talosctl', async () => {
    const lab = await newLab({ machines: [preset('nvme-mini-pc')] })
    const path = join(lab.dir, 'cfg', 'talosconfig')
    const r = await run(lab, ['--talosconfig', path, '-e', '127.0.10.11', '-n', '127.0.10.11', 'get', 'disks'])
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toBe(tableError('empty/new talosconfig file', 3) + '\n')
    const { readFile } = await import('node:fs/promises')
    expect(await readFile(path, 'utf8')).toBe('context: ""\ncontexts: {}\n')
  })

  it('uses the lab home for ~/.talos/config, never the real one', async () => {
    const lab = await newLab({ machines: [] })
    await run(lab, ['-e', '127.0.10.11', '-n', '127.0.10.11', 'get', 'disks'], { env: { HOME: '/nonexistent-home' } })
    const { existsSync } = await import('node:fs')
    expect(existsSync(join(lab.home, '.talos', 'config'))).toBe(true)
  })

  it('names a missing --context', async () => {
    const { lab, cfgPath } = await labWithConfigured()
    const r = await run(lab, ['--talosconfig', cfgPath, '--context', 'x', '-e', '127.0.10.19', '-n', '127.0.10.19', 'get', 'disks'])
    expect(r.stderr).toBe(
      'error constructing client: failed to create client connection: failed to resolve configuration context: context "x" not found in config\n'
    )
  })

  it('asks for nodes and appends the usage text, since the message mentions "command"', async () => {
    const { lab, cfgPath } = await labWithConfigured()
    const r = await run(lab, ['--talosconfig', cfgPath, 'get', 'disks'])
    expect(r.exitCode).toBe(1)
    expect(r.stderr.startsWith(tableError('no nodes') + '\n\nUsage:\n  talosctl get <type> [<id>] [flags]\n')).toBe(true)
  })

  it('rejects unknown flags and wrong argument counts with cobra texts and usage', async () => {
    const lab = await newLab({ machines: [] })
    const flag = await run(lab, ['get', 'disks', '--bogus'])
    expect(flag.stderr.split('\n')[0]).toBe('unknown flag: --bogus')
    expect(flag.stderr).toContain('Usage:')
    const noArgs = await fake(lab, ['get'])
    expect(noArgs.exitCode).toBe(1)
    expect(noArgs.stderr.split('\n')[0]).toBe('accepts between 1 and 2 arg(s), received 0')
    const cmd = await run(lab, ['frobnicate'])
    expect(cmd.stderr.split('\n')[0]).toBe('unknown command "frobnicate" for "talosctl"')
  })

  it('reports a missing resource id as NotFound in multierror form', async () => {
    const lab = await newLab({ machines: [preset('nvme-mini-pc')] })
    const r = await fake(lab, ['get', 'disks', 'sdz', '--insecure', '-n', '127.0.10.11'])
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toBe("1 error occurred:\n\t* rpc error: code = NotFound desc = resource Disks.block.talos.dev(runtime/sdz@undefined) doesn't exist\n\n\n")
    expect(r.stdout).toBe('')
  })

  it('keeps printing the reachable nodes when one of several fails, then reports the failure', async () => {
    const { lab, cfgPath } = await labWithConfigured()
    const r = await run(lab, ['--talosconfig', cfgPath, '-n', '127.0.10.19,127.0.10.250', 'get', 'hostname', '-o', 'json'])
    expect(r.exitCode).toBe(1)
    expect(JSON.parse(r.stdout).node).toBe('127.0.10.19')
    expect(r.stderr).toMatch(/^1 error occurred:\n\t\* rpc error: code = Unavailable .*127\.0\.10\.250:50000: connect: connection refused"\n\n\n$/)
  })
})
