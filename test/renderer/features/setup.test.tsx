import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ClusterSettings, ClusterSettingsUpdate } from '@shared/contract/cluster'
import type { Node } from '@shared/contract/nodes'
import type { Operation } from '@shared/contract/operations'
import { FakeError, fixtures, pending, type FakeHandlers } from '../fake-wild'
import { renderApp, routeHash } from '../render'

const configured = (): ClusterSettings =>
  fixtures.cluster({ vip: '192.168.1.50', network: { subnet: '192.168.1.0/24', gateway: '192.168.1.1', dnsServers: [] } })

function world(opts: { cluster?: ClusterSettings; nodes?: Node[]; ops?: Operation[] } = {}) {
  let cluster = opts.cluster ?? fixtures.cluster()
  let nodes = opts.nodes ?? []
  const ops = opts.ops ?? []
  const handlers: FakeHandlers = {
    'instances.list': () => [fixtures.instance('home-lab')],
    'cluster.settings.get': () => cluster,
    'cluster.settings.update': ({ changes }) => {
      const c = changes as ClusterSettingsUpdate
      cluster = { ...cluster, ...c, network: { ...cluster.network, ...(c.network ?? {}) } } as ClusterSettings
      return cluster
    },
    'nodes.list': () => nodes,
    'nodes.add': (input) => {
      const n = fixtures.node({ ...input, state: 'added', currentIp: input.currentIp ?? null } as Partial<Node>)
      nodes = [...nodes, n]
      return n
    },
    'operations.list': () => ops,
    'discovery.suggest': () => [{ cidr: '192.168.1.0/24', interface: 'wlan0', address: '192.168.1.23', addresses: 254, note: null }],
    'discovery.status': () => fixtures.discovery(),
    'assets.list': () => (['iso', 'kernel', 'initramfs', 'cmdline'] as const).map((type) => fixtures.asset({ type })),
    'assets.extensions': () => [
      { name: 'siderolabs/intel-ucode', ref: 'r', digest: 'd', author: 'Sidero Labs', description: 'Intel microcode' },
      { name: 'siderolabs/gvisor', ref: 'r', digest: 'd', author: 'Sidero Labs', description: 'gVisor runtime' }
    ],
    'assets.schematic.create': () => ({ id: 'f'.repeat(64) }),
    'hardware.detect': () => fixtures.hardware(),
    'nodes.patch.preview': ({ hostname }) => ({ hostname, path: `/x/${hostname}.yaml`, yaml: `machine:\n  network:\n    hostname: ${hostname}\n` }),
    'nodes.setup': () => ({ operationId: 'op_setup_1' }),
    'cluster.bootstrap': () => ({ operationId: 'op_bootstrap_1' }),
    'cluster.kubeconfig': () => ({ path: '/data/instances/home-lab/kubeconfig', content: 'apiVersion: v1\nkind: Config\n' }),
    'cluster.mergeKubeconfig': () => ({ target: '/home/op/.kube/config', backup: '/home/op/.kube/config.bak-1', context: 'admin@home' }),
    'cluster.health': () => ({ operationId: 'op_health_1' })
  }
  return {
    handlers,
    get cluster() {
      return cluster
    }
  }
}

describe('Setup wizard', () => {
  it('says it is reading the state, then shows an error with a retry', async () => {
    await renderApp({ ...world().handlers, 'cluster.settings.get': () => pending() }, '#/setup')
    expect((await screen.findByText(/Reading where setup stands/)).closest('[role=status]')).toBeTruthy()
  })

  it('shows an error where the state could not be read', async () => {
    await renderApp(
      {
        ...world().handlers,
        'cluster.settings.get': () => {
          throw new FakeError('CONFIG_INVALID', 'config.yaml: cluster.name must be a string')
        }
      },
      '#/setup'
    )
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/cluster.name must be a string/)
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy()
  })

  it('step 1 suggests the network, checks inline and saves a single-node cluster', async () => {
    const w = world()
    const { user, wild } = await renderApp(w.handlers, '#/setup')
    expect(await screen.findByRole('heading', { name: 'Set up: Cluster basics', level: 1 })).toBeTruthy()
    const subnet = screen.getByRole('textbox', { name: 'Network (subnet)' }) as HTMLInputElement
    await waitFor(() => expect(subnet.value).toBe('192.168.1.0/24'))
    expect((screen.getByRole('textbox', { name: 'Gateway' }) as HTMLInputElement).value).toBe('192.168.1.1')
    await user.type(screen.getByRole('textbox', { name: 'Control-plane VIP' }), '10.0.0.9')
    await user.click(screen.getByRole('button', { name: 'Save and continue' }))
    expect(await screen.findByText('Control-plane VIP must be inside 192.168.1.0/24 (192.168.1.1 to 192.168.1.254).')).toBeTruthy()
    expect(screen.getByText('Choose one.')).toBeTruthy()
    expect(wild.callsOf('cluster.settings.update')).toEqual([])

    await user.clear(screen.getByRole('textbox', { name: 'Control-plane VIP' }))
    await user.type(screen.getByRole('textbox', { name: 'Control-plane VIP' }), '192.168.1.50')
    await user.click(screen.getByRole('radio', { name: /Just one/ }))
    expect(screen.getByRole('group', { name: 'Will this machine also run your apps?' })).toBeTruthy()
    await user.click(await screen.findByRole('checkbox', { name: /intel-ucode/ }))
    await user.click(screen.getByRole('button', { name: 'Save and continue' }))
    await waitFor(() => expect(wild.callsOf('cluster.settings.update')).toHaveLength(1))
    expect(wild.callsOf('assets.schematic.create')).toEqual([{ extensions: ['siderolabs/intel-ucode'] }])
    expect(wild.callsOf('cluster.settings.update')[0]).toMatchObject({
      instance: 'home-lab',
      changes: {
        vip: '192.168.1.50',
        network: { subnet: '192.168.1.0/24', gateway: '192.168.1.1' },
        allowSchedulingOnControlPlanes: true,
        schematicId: 'f'.repeat(64)
      }
    })
    expect(await screen.findByRole('heading', { name: 'Set up: Prerequisites', level: 1 })).toBeTruthy()
  }, 20_000)

  it('step 2 shows talosctl and the boot medium, then goes on', async () => {
    const { user } = await renderApp(world({ cluster: configured() }).handlers, '#/setup')
    expect(await screen.findByText(/Found: v1.10.3 at talosctl/)).toBeTruthy()
    expect(screen.getByRole('region', { name: 'Talos v1.11.5 · amd64' })).toBeTruthy()
    expect(await screen.findByLabelText('Commands to write the USB stick')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Continue: find the machine' }))
    expect(await screen.findByRole('heading', { name: 'Set up: Find the machine', level: 1 })).toBeTruthy()
  })

  it('step 3 takes a typed address', async () => {
    const { user } = await renderApp(world({ cluster: configured() }).handlers, '#/setup/find')
    await user.type(await screen.findByRole('textbox', { name: 'Machine IP address' }), '192.168.1.120')
    await user.click(screen.getByRole('button', { name: 'Use this address' }))
    await waitFor(() => expect(routeHash()).toBe('#/setup/add/192.168.1.120'))
  })

  it('step 4 shows a configured machine calmly, not as an error', async () => {
    await renderApp(
      {
        ...world({ cluster: configured() }).handlers,
        'hardware.detect': () => {
          throw new FakeError('NOT_IN_MAINTENANCE', 'The machine is not in maintenance mode.')
        }
      },
      '#/setup/add/192.168.1.51'
    )
    expect(await screen.findByRole('heading', { name: '192.168.1.51 is configured (belongs to a cluster)' })).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('step 4 suggests the disk and a name, checks the address and registers the node', async () => {
    const { user, wild } = await renderApp(world({ cluster: configured() }).handlers, '#/setup/add/192.168.1.120')
    const disks = await screen.findByRole('table', { name: 'Disks' })
    expect((within(disks).getByRole('radio', { name: 'Install on /dev/nvme0n1' }) as HTMLInputElement).checked).toBe(true)
    expect((within(disks).getByRole('radio', { name: 'Install on /dev/sdb' }) as HTMLInputElement).disabled).toBe(true)
    expect(screen.getByText(/the USB stick is what the machine booted from/)).toBeTruthy()
    expect((screen.getByRole('textbox', { name: 'Hostname' }) as HTMLInputElement).value).toBe('control-1')
    expect((screen.getByRole('combobox', { name: 'Role' }) as HTMLSelectElement).disabled).toBe(true)
    await user.type(screen.getByRole('textbox', { name: 'Fixed IP address' }), '192.168.1.1')
    await user.click(screen.getByRole('button', { name: 'Continue to review' }))
    expect(await screen.findByText(/That is the gateway/)).toBeTruthy()
    await user.clear(screen.getByRole('textbox', { name: 'Fixed IP address' }))
    await user.type(screen.getByRole('textbox', { name: 'Fixed IP address' }), '192.168.1.51')
    await user.click(screen.getByRole('button', { name: 'Continue to review' }))
    await waitFor(() =>
      expect(wild.callsOf('nodes.add')).toEqual([
        {
          instance: 'home-lab',
          hostname: 'control-1',
          role: 'controlplane',
          targetIp: '192.168.1.51',
          currentIp: '192.168.1.120',
          disk: '/dev/nvme0n1',
          interface: 'enp1s0',
          mac: '00:1a:2b:3c:4d:01'
        }
      ])
    )
    expect(await screen.findByRole('heading', { name: 'Set up: Review', level: 1 })).toBeTruthy()
  })

  it('step 5 explains, warns and shows the patch before installing', async () => {
    const { user, wild } = await renderApp(world({ cluster: configured(), nodes: [fixtures.node()] }).handlers, '#/setup')
    expect(await screen.findByRole('heading', { name: 'Set up: Review', level: 1 })).toBeTruthy()
    expect(screen.getByText(/goes to\s+192.168.1.120 over an encrypted but unverified connection/)).toBeTruthy()
    expect(screen.getByText(/Remove the USB stick once the install starts/)).toBeTruthy()
    expect((await screen.findByLabelText('Configuration patch for cp-1')).textContent).toMatch(/hostname: cp-1/)
    await user.click(screen.getByRole('button', { name: 'Install Talos on cp-1' }))
    await waitFor(() => expect(wild.callsOf('nodes.setup')).toEqual([{ instance: 'home-lab', hostname: 'cp-1' }]))
  })

  const installOp = (minutesAgo: number) => {
    const started = new Date(Date.now() - minutesAgo * 60_000).toISOString()
    return fixtures.operation({
      id: 'op_setup_1',
      type: 'setup',
      target: 'cp-1',
      startedAt: started,
      progress: 60,
      bytesDone: null,
      bytesTotal: null,
      bytesPerSecond: null,
      currentStep: 'Wait for the install to start',
      message: 'Waiting for 192.168.1.51 to answer',
      steps: [
        { name: 'Apply configuration', status: 'completed', startedAt: started, endedAt: new Date(Date.parse(started) + 20_000).toISOString(), message: null },
        {
          name: 'Wait for the install to start',
          status: 'running',
          startedAt: new Date(Date.parse(started) + 20_000).toISOString(),
          endedAt: null,
          message: null
        },
        { name: 'Wait for the node at its target address', status: 'pending', startedAt: null, endedAt: null, message: null }
      ],
      logTail: ['apply-config --insecure 192.168.1.120: ok']
    })
  }

  it('step 6 follows the install live and says what to check once the typical 1–5 minutes are past', async () => {
    await renderApp(world({ cluster: configured(), nodes: [fixtures.node({ state: 'installing' })], ops: [installOp(6)] }).handlers, '#/setup')
    expect(await screen.findByRole('heading', { name: 'Set up: Install', level: 1 })).toBeTruthy()
    const steps = screen.getByRole('list', { name: /Steps of Set up cp-1/ })
    const items = within(steps).getAllByRole('listitem')
    expect(items[0]!.textContent).toMatch(/Apply configuration.*\(done\).*0:20/)
    expect(items[1]!.textContent).toMatch(/Wait for the install to start.*\(in progress\)/)
    expect(screen.getByText(/Waiting for 192.168.1.51 to answer/)).toBeTruthy()
    expect(
      screen
        .getAllByRole('note')
        .map((n) => n.textContent)
        .join(' ')
    ).toMatch(/longer than usual.*boot order/)
    expect(screen.getByRole('log', { name: /Log of/ }).textContent).toMatch(/apply-config/)
  })

  it('step 6 keeps "Remove the USB stick now" in view for the whole install, and no slow hint within 5 minutes', async () => {
    await renderApp(world({ cluster: configured(), nodes: [fixtures.node({ state: 'installing' })], ops: [installOp(2)] }).handlers, '#/setup')
    expect(await screen.findByRole('note', { name: 'Remove the USB stick' })).toBeTruthy()
    expect(screen.queryByText(/longer than usual/)).toBeNull()
  })

  it('step 6 names the failed step and retries from there', async () => {
    const op = fixtures.operation({
      id: 'op_setup_1',
      type: 'setup',
      target: 'cp-1',
      status: 'failed',
      endedAt: new Date().toISOString(),
      failedStep: 'Wait for the node at its target address',
      error: { code: 'TIMEOUT', message: 'cp-1 did not answer at 192.168.1.51 within 15 minutes.' },
      steps: []
    })
    const { user, wild } = await renderApp(world({ cluster: configured(), nodes: [fixtures.node({ state: 'failed' })], ops: [op] }).handlers, '#/setup')
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/Stopped at "Wait for the node at its target address"/)
    expect(alert.textContent).toMatch(/console and network cable/)
    await user.click(within(alert).getByRole('button', { name: 'Try again' }))
    await waitFor(() => expect(wild.callsOf('nodes.setup')).toEqual([{ instance: 'home-lab', hostname: 'cp-1' }]))
  })

  it('step 7 bootstraps once and shows each health check as a step', async () => {
    const ready = fixtures.node({ state: 'ready', deployed: true, configured: true })
    const { user, wild } = await renderApp(world({ cluster: configured(), nodes: [ready] }).handlers, '#/setup')
    expect(await screen.findByRole('heading', { name: 'Set up: Bootstrap', level: 1 })).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Bootstrap the cluster' }))
    await waitFor(() => expect(wild.callsOf('cluster.bootstrap')).toEqual([{ instance: 'home-lab', hostname: 'cp-1' }]))
    wild.emit(
      'operation.updated',
      fixtures.operation({
        id: 'op_bootstrap_1',
        type: 'bootstrap',
        target: 'home',
        bytesDone: null,
        steps: [
          { name: 'Bootstrap etcd', status: 'completed', startedAt: null, endedAt: null, message: null },
          { name: 'Check: etcd to be healthy', status: 'running', startedAt: null, endedAt: null, message: null },
          { name: 'Check: all k8s nodes to report ready', status: 'pending', startedAt: null, endedAt: null, message: null },
          { name: 'Fetch kubeconfig', status: 'pending', startedAt: null, endedAt: null, message: null }
        ]
      })
    )
    const steps = await screen.findByRole('list', { name: /Steps of Bootstrap home/ })
    expect(
      within(steps)
        .getAllByRole('listitem')
        .map((li) => li.textContent)
    ).toEqual([
      expect.stringMatching(/Bootstrap etcd/),
      expect.stringMatching(/Check: etcd to be healthy/),
      expect.stringMatching(/Check: all k8s nodes to report ready/),
      expect.stringMatching(/Fetch kubeconfig/)
    ])
  })

  it('step 8 gives the kubeconfig, merges it only when asked, and adds another node', async () => {
    const w = world({
      cluster: { ...configured(), bootstrapped: { node: 'cp-1', at: new Date().toISOString() } },
      nodes: [fixtures.node({ state: 'ready', deployed: true, targetIp: '192.168.1.51' })]
    })
    const { user, wild } = await renderApp(w.handlers, '#/setup')
    expect(await screen.findByRole('heading', { name: 'Set up: Done', level: 1 })).toBeTruthy()
    expect(await screen.findByText('/data/instances/home-lab/kubeconfig')).toBeTruthy()
    const cmds = screen.getByLabelText('Commands to reach the cluster')
    expect(cmds.textContent).toMatch(/kubectl --kubeconfig ".*kubeconfig" get nodes/)
    expect(cmds.textContent).toMatch(/talosctl --talosconfig ".*talosconfig" --nodes 192.168.1.51 dashboard/)
    expect(wild.callsOf('cluster.mergeKubeconfig')).toEqual([])
    await user.click(screen.getByRole('button', { name: 'Merge into ~/.kube/config…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Merge into ~/.kube/config?' })
    expect(dialog.textContent).toMatch(/backed up first/)
    await user.click(within(dialog).getByRole('button', { name: 'Back up and merge' }))
    expect((await within(dialog).findByRole('status')).textContent).toMatch(/config.bak-1/)
    await user.click(within(dialog).getByRole('button', { name: 'Done' }))
    expect(screen.getByText('Not checked since setup.')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Check health now' }))
    await waitFor(() => expect(wild.callsOf('cluster.health')).toEqual([{ instance: 'home-lab' }]))
    await user.click(screen.getByRole('button', { name: 'Add another node' }))
    expect(await screen.findByRole('heading', { name: 'Set up: Find the machine', level: 1 })).toBeTruthy()
  })
})
