import { screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { BasicsStep } from '@renderer/features/setup/BasicsStep'
import type { ClusterSettings } from '@shared/contract/cluster'
import type { TalosVersionList } from '@shared/contract/talos'
import { fixtures, type FakeHandlers } from '../fake-wild'
import { renderWithApp } from '../render'

const fromFactory = (over: Partial<TalosVersionList> = {}): TalosVersionList => ({
  releases: [
    { version: 'v1.14.7', preRelease: false, kubernetes: '1.37.1' },
    { version: 'v1.13.10', preRelease: false, kubernetes: '1.36.3' },
    { version: 'v1.12.12', preRelease: false, kubernetes: '1.35.8' }
  ],
  recommended: 'v1.14.7',
  source: 'factory',
  fetchedAt: new Date().toISOString(),
  offlineReason: null,
  ...over
})

function handlers(versions: (input: { preReleases?: boolean }) => TalosVersionList): FakeHandlers {
  return {
    'talos.versions': versions,
    'discovery.suggest': () => [],
    'assets.extensions': () => [],
    'cluster.settings.update': ({ changes }) => ({ ...fixtures.cluster(), ...(changes as Partial<ClusterSettings>) }) as ClusterSettings
  }
}

const talosSelect = () => screen.getByRole('combobox', { name: 'Talos version' }) as HTMLSelectElement
const kubernetes = () => screen.getByRole('textbox', { name: 'Kubernetes version' }) as HTMLInputElement

describe('the Talos version picker', () => {
  it('preselects the newest stable release and its Kubernetes for a new instance', async () => {
    await renderWithApp(
      <BasicsStep instance="home" cluster={fixtures.cluster()} onDone={() => {}} />,
      handlers(() => fromFactory())
    )
    await waitFor(() => expect(talosSelect().value).toBe('v1.14.7'))
    expect(kubernetes().value).toBe('1.37.1')
    expect(screen.getByText('Talos v1.14.7 installs 1.37.1 by default.')).toBeTruthy()
    expect(screen.getByText('Versions from the Image Factory.')).toBeTruthy()
    expect([...talosSelect().options].map((o) => o.text)).toEqual(['v1.14.7 — newest stable', 'v1.13.10', 'v1.12.12'])
  })

  it('keeps an existing instance on its version, even one the factory no longer lists', async () => {
    const cluster = fixtures.cluster({ vip: '192.168.1.50', network: { subnet: '192.168.1.0/24', gateway: '192.168.1.1', dnsServers: [] } })
    const { user } = await renderWithApp(
      <BasicsStep instance="home" cluster={cluster} onDone={() => {}} />,
      handlers(() => fromFactory())
    )
    await screen.findByText('Versions from the Image Factory.')
    expect(talosSelect().value).toBe('v1.11.5')
    expect(talosSelect().options[0]!.text).toBe('v1.11.5 (current)')
    expect(kubernetes().value).toBe('1.34.1')
    // Choosing another release brings its Kubernetes along…
    await user.selectOptions(talosSelect(), 'v1.13.10')
    expect(kubernetes().value).toBe('1.36.3')
    // …unless the operator typed one of their own.
    await user.clear(kubernetes())
    await user.type(kubernetes(), '1.36.0')
    await user.selectOptions(talosSelect(), 'v1.12.12')
    expect(kubernetes().value).toBe('1.36.0')
  })

  it('says when the list is an old one because the factory could not be reached', async () => {
    const threeDays = new Date(Date.now() - 3 * 24 * 3600_000).toISOString()
    await renderWithApp(
      <BasicsStep instance="home" cluster={fixtures.cluster()} onDone={() => {}} />,
      handlers(() => fromFactory({ source: 'cache', fetchedAt: threeDays, offlineReason: 'connect ECONNREFUSED' }))
    )
    expect(await screen.findByText('The Image Factory could not be reached; versions as it listed them 3 days ago.')).toBeTruthy()
  })

  it('asks for pre-releases only when the operator does', async () => {
    const asked: boolean[] = []
    const { user } = await renderWithApp(
      <BasicsStep instance="home" cluster={fixtures.cluster()} onDone={() => {}} />,
      handlers(({ preReleases }) => {
        asked.push(Boolean(preReleases))
        return preReleases
          ? fromFactory({ releases: [{ version: 'v1.15.0-beta.0', preRelease: true, kubernetes: null }, ...fromFactory().releases] })
          : fromFactory()
      })
    )
    await waitFor(() => expect(talosSelect().value).toBe('v1.14.7'))
    expect(asked).toEqual([false])
    await user.click(screen.getByRole('checkbox', { name: /Show pre-releases/ }))
    await waitFor(() => expect([...talosSelect().options].map((o) => o.value)).toContain('v1.15.0-beta.0'))
    expect(asked).toEqual([false, true])
    await user.selectOptions(talosSelect(), 'v1.15.0-beta.0')
    expect(screen.getByText('This app does not know which Kubernetes Talos v1.15.0-beta.0 installs: check its release notes.')).toBeTruthy()
    expect(kubernetes().value).toBe('1.37.1')
  })
})
