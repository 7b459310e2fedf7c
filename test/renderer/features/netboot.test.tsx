import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { PxeAssets, PxeClientView, PxeStatus } from '@shared/contract/pxe'
import { FakeError, fixtures, pending } from '../fake-wild'
import { renderApp, routeHash } from '../render'

const SCHEMATIC = fixtures.asset().schematicId
const base = { 'instances.list': () => [fixtures.instance('home-lab')], 'operations.list': () => [] }

const stopped = (over: Partial<PxeStatus> = {}): PxeStatus => ({
  instance: 'home-lab',
  running: false,
  runBy: null,
  interface: null,
  address: null,
  httpPort: null,
  mode: null,
  version: null,
  startedAt: null,
  stoppedAt: null,
  pid: null,
  archs: [],
  applyConfigAtBoot: false,
  clients: [],
  ...over
})
const running = (clients: PxeClientView[] = []): PxeStatus =>
  stopped({
    running: true,
    runBy: 'app',
    interface: 'eth0',
    address: '192.168.1.20',
    httpPort: 8080,
    mode: 'proxy',
    version: 'v1.11.5',
    startedAt: new Date().toISOString(),
    clients
  })
const file = (type: 'kernel' | 'initramfs' | 'cmdline', state: 'downloaded' | 'missing' = 'downloaded') => ({
  type,
  state,
  size: state === 'missing' ? 0 : 1024 * 1024
})
const assets = (amd64: 'ready' | 'missing' = 'ready'): PxeAssets => ({
  version: 'v1.11.5',
  schematicId: SCHEMATIC,
  ready: amd64 === 'ready',
  sets: [
    amd64 === 'ready'
      ? { arch: 'amd64', state: 'ready', files: [file('kernel'), file('initramfs'), file('cmdline')], next: null }
      : {
          arch: 'amd64',
          state: 'missing',
          files: [file('kernel', 'missing'), file('initramfs', 'missing'), file('cmdline', 'missing')],
          next: 'Download the amd64 kernel, initramfs, cmdline of Talos v1.11.5.'
        },
    {
      arch: 'arm64',
      state: 'missing',
      files: [file('kernel', 'missing'), file('initramfs', 'missing'), file('cmdline', 'missing')],
      next: 'Download the arm64 kernel, initramfs, cmdline of Talos v1.11.5.'
    }
  ],
  binaries: [
    { name: 'undionly.kpxe', description: 'BIOS', present: true },
    { name: 'ipxe-arm64.efi', description: 'UEFI arm64', present: false }
  ]
})
const interfaces = () => [
  { name: 'wlan0', address: '10.9.0.4', cidr: '10.9.0.4/24', suggested: false },
  { name: 'eth0', address: '192.168.1.20', cidr: '192.168.1.20/24', suggested: true }
]
const handlers = (over: Record<string, unknown> = {}) => ({
  ...base,
  'pxe.status': () => stopped(),
  'pxe.interfaces': interfaces,
  'pxe.assets': () => assets(),
  'pxe.zeroTouch.get': () => ({ nodes: [] }),
  ...over
})
const booting = (over: Partial<PxeClientView> = {}): PxeClientView => ({
  mac: '52:54:00:12:34:56',
  ip: '192.168.1.77',
  arch: 'amd64',
  firmware: 'uefi',
  stage: 'kernel',
  script: 'installer',
  lastSeenAt: new Date().toISOString(),
  hostname: null,
  ...over
})

describe('Network boot screen', () => {
  it('shows words while loading', async () => {
    await renderApp(handlers({ 'pxe.status': () => pending() }), '#/netboot')
    expect((await screen.findByText(/Looking at the network and the boot files/)).closest('[role=status]')).toBeTruthy()
  })

  it('shows an error with a retry', async () => {
    await renderApp(
      handlers({
        'pxe.assets': () => {
          throw new FakeError('VALIDATION', 'No Talos version given and none in config.yaml')
        }
      }),
      '#/netboot'
    )
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/No Talos version given/)
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy()
  })

  it('stopped and empty: suggests the interface in the cluster subnet and starts on it', async () => {
    const { user, wild } = await renderApp(handlers({ 'pxe.start': () => running() }), '#/netboot')
    const select = await screen.findByRole('combobox', { name: 'Interface on the cluster LAN' })
    expect((select as HTMLSelectElement).value).toBe('eth0')
    expect(screen.getByRole('heading', { name: 'No machine has booted yet' })).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Serve network boot' }))
    await waitFor(() => expect(wild.callsOf('pxe.start')).toEqual([{ instance: 'home-lab', interface: 'eth0' }]))
  })

  it('without privileges: shows the exact command to run, with a copy button', async () => {
    const command = 'sudo wild pxe serve --interface eth0 --instance home-lab --data-dir /home/op/.local/share/wild-central'
    const { user } = await renderApp(
      handlers({
        'pxe.start': () => {
          throw new FakeError('FORBIDDEN', `No permission for ports 67, 69 and 4011. ${command}`, { command })
        }
      }),
      '#/netboot'
    )
    await user.click(await screen.findByRole('button', { name: 'Serve network boot' }))
    expect((await screen.findByLabelText('Command to start the boot server')).textContent).toBe(command)
    expect(screen.getByRole('button', { name: 'Copy Command to start the boot server' })).toBeTruthy()
  })

  it('without privileges in the desktop app: offers the system prompt, which starts the same server with elevate', async () => {
    const command = 'sudo wild pxe serve --interface eth0 --instance home-lab'
    let calls = 0
    const { user, wild } = await renderApp(
      handlers({
        'pxe.start': () => {
          if (calls++ === 0) throw new FakeError('FORBIDDEN', `No permission for ports 67, 69 and 4011. ${command}`, { command, canElevate: true })
          return running()
        }
      }),
      '#/netboot'
    )
    await user.click(await screen.findByRole('button', { name: 'Serve network boot' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/your system asks for your password, and the helper stops when you press Stop or quit the app/)
    expect(within(alert).getByLabelText('Command to start the boot server').textContent).toBe(command)
    await user.click(within(alert).getByRole('button', { name: 'Start with administrator rights…' }))
    await waitFor(() =>
      expect(wild.callsOf('pxe.start')).toEqual([
        { instance: 'home-lab', interface: 'eth0' },
        { instance: 'home-lab', interface: 'eth0', elevate: true }
      ])
    )
  })

  it('a machine found in maintenance mode after its boot is offered for setup at the address it answered on', async () => {
    const clients = [booting({ stage: 'initramfs', maintenance: { ip: '192.168.1.77', seenAt: new Date().toISOString() } })]
    const { user } = await renderApp(handlers({ 'pxe.status': () => running(clients) }), '#/netboot')
    const table = await screen.findByRole('table', { name: 'Machines booting from the network' })
    expect(within(table).getAllByRole('row')[1]!.textContent).toMatch(/new machine.*in maintenance mode/)
    await user.click(within(table).getByRole('link', { name: 'Set up the machine at 192.168.1.77' }))
    await waitFor(() => expect(window.location.hash).toBe('#/setup/add/192.168.1.77'))
  })

  it('missing assets: start is disabled and the download uses assets.download for the kernel files only', async () => {
    const { user, wild } = await renderApp(
      handlers({ 'pxe.assets': () => assets('missing'), 'assets.download': () => ({ operationId: 'op_download_1' }) }),
      '#/netboot'
    )
    expect((await screen.findByRole('button', { name: 'Serve network boot' })).hasAttribute('disabled')).toBe(true)
    await user.click(screen.getByRole('button', { name: 'Download amd64' }))
    await waitFor(() =>
      expect(wild.callsOf('assets.download')).toEqual([
        { instance: 'home-lab', version: 'v1.11.5', schematicId: SCHEMATIC, arch: 'amd64', types: ['kernel', 'initramfs', 'cmdline'] }
      ])
    )
    expect(screen.getByText(/ipxe-arm64.efi/).className).toMatch(/line-through/)
  })

  it('running: the live table shows each machine with its stage and node name, updated by pxe.boot events', async () => {
    let clients = [booting({ hostname: 'worker-1' })]
    const { user, wild } = await renderApp(handlers({ 'pxe.status': () => running(clients), 'pxe.stop': () => stopped() }), '#/netboot')
    const table = await screen.findByRole('table', { name: 'Machines booting from the network' })
    const row = within(table).getAllByRole('row')[1]!
    expect(row.textContent).toMatch(/worker-1.*52:54:00:12:34:56.*192\.168\.1\.77.*UEFI PXE · amd64.*Kernel/)
    expect(screen.getByText(/proxy DHCP \(your router/).textContent).toMatch(/eth0.*192\.168\.1\.20.*proxy DHCP.*HTTP port 8080/)
    clients = [booting({ hostname: 'worker-1', stage: 'initramfs' }), booting({ mac: '52:54:00:00:00:02', firmware: 'bios', stage: 'dhcp', ip: null })]
    wild.emit('pxe.boot', {
      event: 'boot',
      instance: 'home-lab',
      mac: '52:54:00:00:00:02',
      ip: null,
      arch: 'amd64',
      firmware: 'bios',
      stage: 'dhcp',
      hostname: null
    })
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3))
    expect(within(table).getAllByRole('row')[1]!.textContent).toMatch(/Initramfs/)
    expect(within(table).getAllByRole('row')[2]!.textContent).toMatch(/new machine.*BIOS PXE.*DHCP/)
    expect(screen.getByRole('link', { name: 'scan in Discovery' })).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Stop serving' }))
    await waitFor(() => expect(wild.callsOf('pxe.stop')).toEqual([{ instance: 'home-lab' }]))
  })

  it('zero-touch: off by default, the risk stated, switched per node', async () => {
    const nodes = [
      { hostname: 'cp-1', mac: '52:54:00:00:00:11', configGenerated: true, enabled: false },
      { hostname: 'worker-2', mac: '52:54:00:00:00:12', configGenerated: false, enabled: false }
    ]
    const { user, wild } = await renderApp(
      handlers({ 'pxe.zeroTouch.get': () => ({ nodes }), 'pxe.zeroTouch.set': () => ({ nodes: [{ ...nodes[0]!, enabled: true }, nodes[1]!] }) }),
      '#/netboot'
    )
    const list = await screen.findByRole('list', { name: 'Apply config at boot, per node' })
    expect(screen.getByText(/travels/).textContent).toMatch(/cluster's secrets and travels unencrypted/)
    const [cp, worker] = within(list).getAllByRole('switch') as HTMLInputElement[]
    expect(cp!.checked).toBe(false)
    expect(worker!.disabled).toBe(true)
    await user.click(cp!)
    await waitFor(() => expect(wild.callsOf('pxe.zeroTouch.set')).toEqual([{ instance: 'home-lab', hostname: 'cp-1', enabled: true }]))
  })

  it("the first-node wizard's prerequisites offer network boot beside the USB stick", async () => {
    const cluster = fixtures.cluster({ vip: '192.168.1.50', network: { subnet: '192.168.1.0/24', gateway: '192.168.1.1', dnsServers: [] } })
    const { user } = await renderApp(
      handlers({
        'cluster.settings.get': () => cluster,
        'nodes.list': () => [],
        'assets.list': () => (['iso', 'kernel', 'initramfs', 'cmdline'] as const).map((type) => fixtures.asset({ type }))
      }),
      '#/setup'
    )
    const choice = await screen.findByRole('region', { name: 'How will the machine boot the installer?' })
    expect(within(choice).getByRole('heading', { name: 'USB stick' })).toBeTruthy()
    await user.click(within(choice).getByRole('button', { name: 'Set up network boot' }))
    await waitFor(() => expect(routeHash()).toBe('#/netboot'))
    expect(await screen.findByRole('heading', { name: 'Network boot', level: 1 })).toBeTruthy()
  })
})
