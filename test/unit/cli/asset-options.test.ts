import { InvalidArgumentError } from 'commander'
import { afterEach, describe, expect, it } from 'vitest'
import { collectTypes, setInput, useFactoryUrl } from '@cli/verbs/asset-options'

const before = process.env.WILD_FACTORY_URL
afterEach(() => {
  if (before === undefined) delete process.env.WILD_FACTORY_URL
  else process.env.WILD_FACTORY_URL = before
})

describe('the asset-set flags of wild assets', () => {
  it('--factory-url stands for WILD_FACTORY_URL in this run, so the core the verb builds asks that factory', () => {
    expect(useFactoryUrl('http://127.0.0.1:9999')).toBe('http://127.0.0.1:9999')
    expect(process.env.WILD_FACTORY_URL).toBe('http://127.0.0.1:9999')
  })

  it('refuses a --factory-url that is not a URL as a usage error, leaving the variable alone', () => {
    process.env.WILD_FACTORY_URL = 'http://127.0.0.1:1'
    expect(() => useFactoryUrl('nope')).toThrow(InvalidArgumentError)
    expect(process.env.WILD_FACTORY_URL).toBe('http://127.0.0.1:1')
  })

  it('builds the contract selector: --talos-version for --version, --type repeated or comma-separated', () => {
    const type = collectTypes('iso', collectTypes('kernel, cmdline'))
    expect(setInput({ talosVersion: 'v1.11.5', arch: 'arm64', type })).toEqual({
      version: 'v1.11.5',
      schematicId: undefined,
      arch: 'arm64',
      types: ['kernel', 'cmdline', 'iso']
    })
    expect(setInput({})).not.toHaveProperty('types')
  })
})
