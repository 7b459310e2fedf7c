import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { configuredNode } from '../../src/lab/machines'
import { renderTalosconfig } from '../../src/lab/talosctl/talosconfig'
import { VERSION_TEXT } from './fixtures/talos-reference'
import { fake, newLab, run } from './lab-helpers'

/** `talosctl version` text layout, byte for byte against reference §4. */

const REF = (): string => VERSION_TEXT

async function labWith(version: string) {
  const node = configuredNode('127.0.10.19')
  const lab = await newLab({ machines: [{ ...node.machine, talosVersion: version }] })
  const cfg = structuredClone(node.talosconfig)
  cfg.contexts['other-cluster']!.endpoints = ['127.0.10.19']
  const path = join(lab.dir, 'talosconfig')
  await writeFile(path, renderTalosconfig(cfg))
  return { lab, path }
}

describe('version', () => {
  it('prints the Client block exactly as the reference, offline, with --client', async () => {
    const lab = await newLab({ machines: [] })
    const r = await fake(lab, ['version', '--client'], { env: { WILD_LAB_FILE: undefined } })
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toBe(REF().split('Server:\n')[0])
  })

  it('prints Client and Server blocks exactly as the reference for a v1.11.6 node', async () => {
    const { lab, path } = await labWith('v1.11.6')
    const r = await fake(lab, ['--talosconfig', path, '-n', '127.0.10.19', 'version'])
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toBe(REF().replace('192.168.1.50', '127.0.10.19'))
  })

  it('shortens only the Client block with --short', async () => {
    const { lab, path } = await labWith('v1.10.9')
    const r = await run(lab, ['--talosconfig', path, '-n', '127.0.10.19', 'version', '--short'])
    expect(r.stdout).toBe(
      'Client:\n\tTalos v1.11.6\nServer:\n\tNODE:        127.0.10.19\n\tTag:         v1.10.9\n\tSHA:         c48f7ede\n\tBuilt:       \n\tGo version:  go1.24.11\n\tOS/Arch:     linux/amd64\n\tEnabled:     RBAC\n'
    )
  })

  it('warns on stderr when get reaches a server older than the client, and still succeeds', async () => {
    const { lab, path } = await labWith('v1.10.9')
    const r = await run(lab, ['--talosconfig', path, '-n', '127.0.10.19', 'get', 'hostname', '-o', 'json'])
    expect(r.exitCode).toBe(0)
    expect(r.stderr).toBe('WARNING: 127.0.10.19: server version 1.10.9 is older than client version 1.11.6\n')
  })
})
