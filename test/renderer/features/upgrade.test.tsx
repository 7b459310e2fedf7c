import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { UpgradeScreen } from '@renderer/features/upgrade/UpgradeScreen'
import type { Operation, OperationStep } from '@shared/contract/operations'
import type { UpgradePlan } from '@shared/contract/upgrade'
import { fixtures, type FakeHandlers } from '../fake-wild'
import { renderWithApp } from '../render'

const at = (s: number) => new Date(Date.now() - s * 1000).toISOString()
const step = (name: string, status: OperationStep['status'], message: string | null = null): OperationStep => ({
  name,
  status,
  startedAt: status === 'pending' ? null : at(30),
  endedAt: status === 'completed' || status === 'failed' ? at(10) : null,
  message
})

function plan(input: { talosVersion?: string }): UpgradePlan {
  const target = input.talosVersion ?? 'v1.11.6'
  const node = (hostname: string, role: 'controlplane' | 'worker', i: number) => ({
    hostname,
    role,
    ip: `192.168.1.${10 + i}`,
    runningVersion: 'v1.11.6',
    problem: null,
    action: target === 'v1.11.6' ? ('skip' as const) : ('upgrade' as const)
  })
  return {
    talosVersion: 'v1.11.6',
    kubernetesVersion: '1.34.1',
    schematicId: null,
    target: { talosVersion: target, schematicId: null },
    nodes: [node('cp-1', 'controlplane', 1), node('cp-2', 'controlplane', 2), node('w-1', 'worker', 3)]
  }
}

const talosOp = (over: Partial<Operation>): Operation =>
  fixtures.operation({
    id: 'op_up_1',
    type: 'talos-upgrade',
    target: 'all nodes → v1.12.0',
    bytesDone: null,
    bytesTotal: null,
    bytesPerSecond: null,
    logTail: [],
    ...over
  })

function handlers(ops: Operation[] = []): FakeHandlers {
  return {
    'cluster.settings.get': () => fixtures.cluster({ talosVersion: 'v1.11.6', kubernetesVersion: '1.34.1' }),
    'operations.list': () => ops,
    'talos.versions': () => ({
      releases: [
        { version: 'v1.12.0', preRelease: false, kubernetes: '1.35.0' },
        { version: 'v1.11.6', preRelease: false, kubernetes: '1.34.1' }
      ],
      recommended: 'v1.12.0',
      source: 'factory',
      fetchedAt: new Date().toISOString(),
      offlineReason: null
    }),
    'upgrade.plan': plan,
    'upgrade.cluster': () => ({ operationId: 'op_up_1' }),
    'upgrade.kubernetesDryRun': ({ kubernetesVersion }) => ({
      from: '1.34.1',
      to: kubernetesVersion,
      node: 'cp-1',
      lines: [`updating "kube-apiserver" to version "${kubernetesVersion}"`, ' > skipped in dry-run']
    }),
    'upgrade.kubernetes': () => ({ operationId: 'op_k8s_1' })
  }
}

const rowOf = (name: string) => screen.getAllByRole('row').find((r) => within(r).queryByText(name))!

describe('the Upgrade screen', () => {
  it('shows current and target, the order, and starts the rolling upgrade for the picked version', async () => {
    const { user, wild } = await renderWithApp(<UpgradeScreen instance="home-lab" />, handlers())
    expect(await screen.findByRole('button', { name: 'Nothing to upgrade' })).toBeTruthy()
    expect(screen.getByText(/Running Talos v1\.11\.6/)).toBeTruthy()
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Talos version' }), 'v1.12.0')
    const start = await screen.findByRole('button', { name: 'Upgrade 3 nodes to v1.12.0' })
    expect(within(rowOf('cp-1')).getByText('to upgrade')).toBeTruthy()
    await user.click(start)
    await waitFor(() => expect(wild.callsOf('upgrade.cluster')).toEqual([{ instance: 'home-lab', talosVersion: 'v1.12.0' }]))
  })

  it('follows the run per node and says a cancel stops after the node in progress', async () => {
    const op = talosOp({
      steps: [step('etcd snapshot', 'completed'), step('upgrade cp-1', 'completed'), step('upgrade cp-2', 'running'), step('upgrade w-1', 'pending')],
      currentStep: 'upgrade cp-2'
    })
    await renderWithApp(<UpgradeScreen instance="home-lab" />, handlers([op]))
    await screen.findByRole('table', { name: 'Upgrade order' })
    expect(within(rowOf('cp-1')).getByText('upgraded')).toBeTruthy()
    expect(within(rowOf('cp-2')).getByText('upgrading…')).toBeTruthy()
    expect(screen.getByText('Cancel stops after the node in progress: a node is never left half-way.')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy()
  })

  it('a failure names the node and how to continue, and offers to continue', async () => {
    const message = 'cp-2 (192.168.1.12) did not come back from the upgrade to v1.12.0. Continue with: wild cluster upgrade --talos-version v1.12.0'
    const op = talosOp({
      status: 'failed',
      endedAt: at(5),
      failedStep: 'upgrade cp-2',
      error: { code: 'TIMEOUT', message },
      steps: [step('etcd snapshot', 'completed'), step('upgrade cp-1', 'completed'), step('upgrade cp-2', 'failed', message), step('upgrade w-1', 'pending')]
    })
    await renderWithApp(<UpgradeScreen instance="home-lab" />, handlers([op]))
    expect(await screen.findByText('Stopped at "upgrade cp-2"')).toBeTruthy()
    await screen.findByRole('table', { name: 'Upgrade order' })
    expect(within(rowOf('cp-2')).getByText('failed')).toBeTruthy()
    // The picker starts at the stopped run's version: the rest is still to do.
    expect((screen.getByRole('combobox', { name: 'Talos version' }) as HTMLSelectElement).value).toBe('v1.12.0')
    expect(within(rowOf('w-1')).getByText('to upgrade')).toBeTruthy()
    expect(screen.getAllByText(/wild cluster upgrade --talos-version v1\.12\.0/).length).toBeGreaterThan(0)
    expect(screen.getByRole('button', { name: 'Continue the upgrade' })).toBeTruthy()
  })

  it('Kubernetes: the upgrade is offered only after a dry run of that version', async () => {
    const { user, wild } = await renderWithApp(<UpgradeScreen instance="home-lab" />, handlers())
    const upgrade = await screen.findByRole('button', { name: 'Upgrade Kubernetes' })
    expect((upgrade as HTMLButtonElement).disabled).toBe(true)
    await user.type(screen.getByRole('textbox', { name: 'Kubernetes version' }), '1.35.0')
    await user.click(screen.getByRole('button', { name: 'Dry run' }))
    expect(await screen.findByText('Dry run of 1.34.1 → 1.35.0 through cp-1: nothing was changed.')).toBeTruthy()
    expect(screen.getByLabelText('Kubernetes upgrade dry run').textContent).toContain('skipped in dry-run')
    await waitFor(() => expect((upgrade as HTMLButtonElement).disabled).toBe(false))
    await user.click(upgrade)
    await waitFor(() => expect(wild.callsOf('upgrade.kubernetes')).toEqual([{ instance: 'home-lab', kubernetesVersion: '1.35.0' }]))
  })
})
