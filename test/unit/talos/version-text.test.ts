import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseVersionText } from '@core/talos/version-text'

describe('parseVersionText', () => {
  it('reads the client and server blocks of the reference sample (tabs, trailing spaces)', () => {
    const text = readFileSync(join(__dirname, 'fixtures', 'reference', 'version.out'), 'utf8')
    const v = parseVersionText(text)
    expect(v.client).toEqual({ node: null, tag: 'v1.11.6', sha: '6dd14300', goVersion: 'go1.24.11', osArch: 'linux/amd64', enabled: null })
    expect(v.servers).toEqual([{ node: '192.168.1.50', tag: 'v1.11.6', sha: '6dd14300', goVersion: 'go1.24.11', osArch: 'linux/amd64', enabled: 'RBAC' }])
  })

  it('reads --short output', () => {
    expect(parseVersionText('Client:\n\tTalos v1.9.6\n').client?.tag).toBe('v1.9.6')
  })

  it('reads --client output with no server block', () => {
    const v = parseVersionText('Client:\n\tTag:         v1.10.9\n\tSHA:         c48f7ede\n')
    expect(v.client?.tag).toBe('v1.10.9')
    expect(v.servers).toEqual([])
  })

  it('splits one Server header with several NODE lines into one block per node', () => {
    const v = parseVersionText('Server:\n\tNODE:   10.0.0.1\n\tTag:   v1.11.6\n\tNODE:   10.0.0.2\n\tTag:   v1.10.9\n')
    expect(v.servers.map((s) => [s.node, s.tag])).toEqual([
      ['10.0.0.1', 'v1.11.6'],
      ['10.0.0.2', 'v1.10.9']
    ])
  })

  it('finds nothing in unrelated text', () => {
    expect(parseVersionText('hello\n')).toEqual({ client: null, servers: [] })
  })
})
