import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { BoardMedia, Overlay } from '@shared/contract/boards'
import type { Node } from '@shared/contract/nodes'
import type { HardwareInfo } from '@shared/contract/talos'
import { fixtures, type FakeHandlers } from '../fake-wild'
import { renderApp } from '../render'

const ROCK5B: Overlay = { name: 'rock5b', image: 'siderolabs/sbc-rockchip', ref: 'r', digest: 'd' }
const RPI: Overlay = { name: 'rpi_generic', image: 'siderolabs/sbc-raspberrypi', ref: 'r', digest: 'd' }
const ID = 'e'.repeat(64)

const rock5b = (over: Partial<HardwareInfo> = {}) =>
  fixtures.hardware({
    cpu: { model: 'RK3588', sockets: 1, cores: 8, threads: 8, maxSpeedMhz: 2400 },
    system: { manufacturer: 'Radxa', productName: 'ROCK 5B', serialNumber: null, uuid: null },
    arch: 'arm64',
    archSource: 'talos',
    archReason: 'Talos reports linux/arm64.',
    board: { name: 'Radxa ROCK 5B', arch: 'arm64', overlay: { image: ROCK5B.image, name: ROCK5B.name }, evidence: 'SMBIOS "Radxa ROCK 5B"' },
    ...over
  })

/** The Hardware step of a configured cluster with the given machine; nodes.add and boards.media recorded. */
function world(hw: HardwareInfo): FakeHandlers {
  let nodes: Node[] = []
  const cluster = fixtures.cluster({ vip: '192.168.1.50', network: { subnet: '192.168.1.0/24', gateway: '192.168.1.1', dnsServers: [] } })
  return {
    'instances.list': () => [fixtures.instance('home-lab')],
    'cluster.settings.get': () => cluster,
    'nodes.list': () => nodes,
    'nodes.add': (input) => {
      const n = fixtures.node({ ...input, state: 'added', currentIp: input.currentIp ?? null } as Partial<Node>)
      nodes = [...nodes, n]
      return n
    },
    'operations.list': () => [],
    'discovery.status': () => fixtures.discovery(),
    'hardware.detect': () => hw,
    'nodes.patch.preview': ({ hostname }) => ({ hostname, path: `/x/${hostname}.yaml`, yaml: 'machine: {}\n' }),
    'boards.overlays': ({ version }) => ({ version, overlays: [RPI, ROCK5B], source: 'factory', fetchedAt: '2026-12-06T10:00:00.000Z', offlineReason: null }),
    'boards.choice': () => null,
    'boards.media': (i): BoardMedia => ({
      hostname: i.hostname,
      arch: i.arch,
      overlay: i.overlay,
      schematicId: ID,
      version: 'v1.11.6',
      secureBoot: i.secureBoot ?? false,
      installerImage: `factory.talos.dev/metal-installer/${ID}:v1.11.6`,
      isoFile: `metal-${i.arch}.iso`,
      kernelArgsFile: `cmdline-metal-${i.arch}`,
      enrolment: null
    })
  }
}

async function fillAddressAndContinue(user: Awaited<ReturnType<typeof renderApp>>['user']) {
  await user.type(screen.getByRole('textbox', { name: 'Fixed IP address' }), '192.168.1.51')
  await user.click(screen.getByRole('button', { name: 'Continue to review' }))
}

describe('Hardware step: architecture, board overlay and Secure Boot', () => {
  it('shows a detected arm64 board with its source, preselects its overlay and saves it with the node', async () => {
    const { user, wild } = await renderApp(world(rock5b()), '#/setup/add/192.168.1.120')
    const card = await screen.findByRole('region', { name: 'Architecture and board' }, { timeout: 10_000 })
    expect(card.textContent).toContain('Detected arm64, source: Talos reports it. Talos reports linux/arm64.')
    expect(within(card).getByText('Talos reports linux/arm64.')).toBeTruthy()
    expect(within(card).queryByRole('radio')).toBeNull()
    const picker = (await within(card).findByRole('combobox', { name: 'Board overlay' })) as HTMLSelectElement
    expect(picker.value).toBe('siderolabs/sbc-rockchip:rock5b')
    expect(within(picker).getByRole('option', { name: /rock5b — siderolabs\/sbc-rockchip \(detected\)/ })).toBeTruthy()
    expect(within(card).getByText('Preselected: the overlay for the Radxa ROCK 5B. Pick another only if this is a different board.')).toBeTruthy()
    expect(wild.callsOf('boards.overlays')).toEqual([{ version: 'v1.11.5' }])
    await fillAddressAndContinue(user)
    await waitFor(() =>
      expect(wild.callsOf('boards.media')).toEqual([
        {
          instance: 'home-lab',
          hostname: 'control-1',
          arch: 'arm64',
          overlay: { image: 'siderolabs/sbc-rockchip', name: 'rock5b' },
          secureBoot: false,
          extensions: []
        }
      ])
    )
    expect(await screen.findByRole('heading', { name: 'Set up: Review', level: 1 })).toBeTruthy()
  }, 20_000)

  it('asks for the architecture when nothing tells it, then for the overlay of an arm64 board', async () => {
    const unknown = fixtures.hardware({ arch: null, archSource: null, archReason: 'Neither the machine nor the network boot said its architecture.' })
    const { user, wild } = await renderApp(world(unknown), '#/setup/add/192.168.1.120')
    const card = await screen.findByRole('region', { name: 'Architecture and board' }, { timeout: 10_000 })
    expect(within(card).getByText('unknown')).toBeTruthy()
    expect(within(card).getByText(/Neither the machine nor the network boot said its architecture. Choose it/)).toBeTruthy()
    await fillAddressAndContinue(user)
    expect(await within(card).findByText(/Choose the architecture/)).toBeTruthy()
    expect(wild.callsOf('nodes.add')).toEqual([])

    await user.click(within(card).getByRole('radio', { name: /arm64/ }))
    const picker = (await within(card).findByRole('combobox', { name: 'Board overlay' })) as HTMLSelectElement
    expect(picker.value).toBe('')
    expect(within(card).getByText(/Choose the board's overlay/)).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Continue to review' }))
    expect(wild.callsOf('nodes.add')).toEqual([])

    await user.selectOptions(picker, 'siderolabs/sbc-raspberrypi:rpi_generic')
    await user.click(screen.getByRole('button', { name: 'Continue to review' }))
    await waitFor(() =>
      expect(wild.callsOf('boards.media')).toMatchObject([{ arch: 'arm64', overlay: { image: 'siderolabs/sbc-raspberrypi', name: 'rpi_generic' } }])
    )
  }, 20_000)

  it('offers the Secure Boot media when the machine reports Secure Boot, and explains the key enrolment', async () => {
    const { user, wild } = await renderApp(world(fixtures.hardware({ secureBoot: true })), '#/setup/add/192.168.1.120')
    const note = await screen.findByRole('note', { name: 'Secure Boot' }, { timeout: 10_000 })
    const box = within(note).getByRole('checkbox', { name: 'Use the Secure Boot ISO and installer' }) as HTMLInputElement
    expect(box.checked).toBe(true)
    expect(note.textContent).toContain('reset or clear its keys (setup mode)')
    expect(note.textContent).toContain('Enroll Secure Boot keys: auto')
    expect(screen.queryByRole('combobox', { name: 'Board overlay' })).toBeNull()
    await fillAddressAndContinue(user)
    await waitFor(() => expect(wild.callsOf('boards.media')).toMatchObject([{ arch: 'amd64', overlay: null, secureBoot: true }]))
  }, 20_000)

  it('keeps an amd64 machine without Secure Boot on the instance’s media: no board call, no overlay picker', async () => {
    const { user, wild } = await renderApp(world(fixtures.hardware()), '#/setup/add/192.168.1.120')
    const card = await screen.findByRole('region', { name: 'Architecture and board' }, { timeout: 10_000 })
    expect(card.textContent).toContain('Detected amd64, source: its CPU name.')
    expect(screen.queryByRole('note', { name: 'Secure Boot' })).toBeNull()
    await fillAddressAndContinue(user)
    expect(await screen.findByRole('heading', { name: 'Set up: Review', level: 1 })).toBeTruthy()
    expect(wild.callsOf('boards.media')).toEqual([])
    expect(wild.callsOf('boards.overlays')).toEqual([])
  }, 20_000)
})
