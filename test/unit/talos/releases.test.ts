import { describe, expect, it } from 'vitest'
import { compareTalosVersions, defaultKubernetesFor, offeredReleases, parseTalosVersion, recommendedRelease } from '@core/talos/releases'

const cmp = (a: string, b: string) => Math.sign(compareTalosVersions(parseTalosVersion(a)!, parseTalosVersion(b)!))

describe('Talos release order', () => {
  it('orders numerically, not as text', () => {
    expect(cmp('v1.12.10', 'v1.12.9')).toBe(1)
    expect(cmp('v1.9.6', 'v1.10.0')).toBe(-1)
    expect(cmp('v2.0.0', 'v1.99.99')).toBe(1)
  })

  it('puts a pre-release below its release, and orders pre-releases by semver rules', () => {
    expect(cmp('v1.13.0-beta.1', 'v1.13.0')).toBe(-1)
    expect(cmp('v1.13.0-alpha.2', 'v1.13.0-beta.0')).toBe(-1)
    expect(cmp('v1.13.0-rc.10', 'v1.13.0-rc.9')).toBe(1)
    expect(cmp('v1.13.0-beta', 'v1.13.0-beta.1')).toBe(-1)
    expect(cmp('v1.13.0-beta.1', 'v1.12.12')).toBe(1)
  })

  it('refuses what is not a release tag', () => {
    for (const bad of ['1.12.0', 'v1.12', 'v1.12.0-', 'latest', 'v1.12.0 ', 'v1.12.0+build']) expect(parseTalosVersion(bad)).toBeNull()
  })
})

describe('the versions offered', () => {
  const factory = ['v1.9.6', 'v1.13.0-beta.1', 'v1.12.9', 'v1.12.12', 'v1.8.4', 'v1.14.7', 'v1.15.0-alpha.0', 'garbage', 'v1.12.12']

  it('are newest first, without pre-releases, duplicates, garbage or lines older than 1.9', () => {
    expect(offeredReleases(factory).map((r) => r.version)).toEqual(['v1.14.7', 'v1.12.12', 'v1.12.9', 'v1.9.6'])
  })

  it('include pre-releases in their place only when asked for', () => {
    expect(offeredReleases(factory, { preReleases: true }).map((r) => r.version)).toEqual([
      'v1.15.0-alpha.0',
      'v1.14.7',
      'v1.13.0-beta.1',
      'v1.12.12',
      'v1.12.9',
      'v1.9.6'
    ])
  })

  it('recommend the newest stable release even when a newer pre-release is listed', () => {
    expect(recommendedRelease(offeredReleases(factory, { preReleases: true }))).toBe('v1.14.7')
    expect(recommendedRelease(offeredReleases(['v1.15.0-alpha.0'], { preReleases: true }))).toBeNull()
  })

  it('carry the Kubernetes version each line installs, and none for a line the app does not know', () => {
    expect(defaultKubernetesFor('v1.12.3')).toBe('1.35.8')
    expect(defaultKubernetesFor('v1.13.9')).toBe('1.36.3')
    expect(defaultKubernetesFor('v1.14.7')).toBe('1.37.1')
    expect(defaultKubernetesFor('v1.11.6')).toBe('1.34.1')
    expect(defaultKubernetesFor('v1.99.0')).toBeNull()
    expect(offeredReleases(['v1.14.7'])[0]).toEqual({ version: 'v1.14.7', preRelease: false, kubernetes: '1.37.1' })
  })
})
