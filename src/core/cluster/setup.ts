import type { ClusterSettings } from '../../shared/contract/cluster'
import type { HardwareInfo } from '../../shared/contract/talos'
import { AppError } from '../../shared/errors'
import { pathExists } from '../fs-safe'
import type { NodeRecord } from '../nodes/model'
import type { NodeService } from '../nodes/nodes'
import { fillFromHardware } from '../nodes/hardware-check'
import type { OperationHandle } from '../operations/types'
import type { InstancePaths } from '../paths'
import type { TalosApi } from '../talos/talos-api'
import { supportedVersionError } from '../boards/board-media'
import { SECURE_BOOT_ENROLMENT } from '../boards/media'
import { secureBootAt } from '../boards/secure-boot'
import { boardSetupError } from '../boards/setup-check'
import type { BoardChoice } from '../../shared/contract/boards'
import { clusterConfigReady, ensureClusterConfig } from './cluster-config'
import { assertSameMachine } from './identity'
import { nodeConfigReady, writeNodeConfig } from './node-config'
import { buildNodePatch } from './patch'
import { probeMachine, type MachineAnswer } from './probe'
import { fillNetworkFromMachine, type NetworkFillDeps } from './network-fill'
import { formReceiver, networkFormNote, receivingVersion } from './receiving'
import { planSetup, SETUP_STEPS, skippedBefore, type SetupPlan, type SetupStep } from './setup-plan'
import type { Operation } from '../../shared/contract/operations'
import { earlierWaitStart, interruptedReason, WAIT_STEP } from './setup-resume'
import { waitForAnswer, waitForReboot } from './setup-waits'
import type { LifecycleTiming } from './timing'
import { createEtcdJoin, joinedControlPlanes } from '../node-ops/etcd-join'

export type SetupTalos = Pick<
  TalosApi,
  | 'genSecrets'
  | 'genConfig'
  | 'patchMachineConfig'
  | 'validateConfig'
  | 'applyConfig'
  | 'get'
  | 'machineStatus'
  | 'version'
  | 'links'
  | 'talosVersion'
  | 'clientVersion'
> & { runner?: TalosApi['runner'] }

export interface SetupDeps {
  talos: SetupTalos
  nodes: Pick<NodeService, 'record' | 'mark' | 'detectHardware'> & Partial<Pick<NodeService, 'records' | 'hardwareFor'>>
  settings: (instance: string) => Promise<ClusterSettings>
  /** Setup writes the subnet and gateway it inferred from the machine when none are set. */
  updateSettings: NetworkFillDeps['updateSettings']
  paths: (instance: string) => InstancePaths
  timing: LifecycleTiming
  /** This instance's operations, to find the wait a resume continues. */
  operations?: (instance: string) => Promise<Operation[]>
  /** The node's saved board choice: an arm64 board without its overlay is refused before apply. */
  boardChoice?: (instance: string, hostname: string) => Promise<BoardChoice | null>
}

type Ready = NodeRecord & { mac: string; targetIp: string }

/** Errors that are the operator's to fix before setup can start: the node is not marked failed. */
const PRECONDITION = ['VALIDATION', 'NOT_FOUND', 'BUSY']

/**
 * One setup run as an operation (type 'setup'). The first step looks at the node, the files and
 * the machine, and `planSetup` decides where to continue; earlier steps show as skipped.
 */
export async function runSetup(d: SetupDeps, instance: string, hostname: string, op: OperationHandle): Promise<void> {
  const p = d.paths(instance)
  const call = () => ({ signal: op.signal, timeoutMs: d.timing.probeTimeoutMs })
  let node: Ready | null = null
  let plan: Extract<SetupPlan, { kind: 'run' }> | null = null
  let settings: ClusterSettings | null = null
  /** The Talos version of the machine that will take the config; decides the network form. */
  let receiving: string | null = null
  /** The receiving machine runs Secure Boot: it gets the signed installer. */
  let secureBoot = false
  const talosconfig = async () => ((await pathExists(p.talosconfig)) ? p.talosconfig : null)
  const probe = async (ip: string, creds: string | null, expectOurs = false): Promise<MachineAnswer> =>
    probeMachine(d.talos, ip, creds, { ...call(), expectOurs })

  async function check(): Promise<void> {
    let n = await d.nodes.record(instance, hostname)
    settings = await d.settings(instance)
    const lookAt = n.currentIp ?? n.targetIp
    let hw: HardwareInfo | null = null
    const noNetwork = !settings.network.subnet || !settings.network.gateway
    if ((!n.mac || !n.disk || noNetwork) && lookAt) {
      try {
        hw = await d.nodes.detectHardware(instance, lookAt, op.signal)
        const filled = fillFromHardware({ mac: n.mac, interface: n.interface, disk: n.disk }, hw)
        n = await d.nodes.mark(instance, hostname, filled)
        op.log(`Detected ${hw.mac ?? 'no MAC'} on ${lookAt}: disk ${filled.disk ?? 'none'} (${hw.selectedDiskReason}).`)
      } catch (e) {
        if (!(e instanceof AppError) || !['NODE_UNREACHABLE', 'TIMEOUT', 'NOT_IN_MAINTENANCE'].includes(e.code)) throw e
        op.log(`Could not detect the hardware at ${lookAt}: ${e.message}`)
      }
    }
    settings = await fillNetworkFromMachine(d, instance, p.root, n, hw, settings, op.log)
    buildNodePatch(n, settings) // throws VALIDATION naming what is missing
    const known = hw ?? (n.mac ? await d.nodes.hardwareFor?.(instance, n.mac) : null) ?? null
    const boardErr = boardSetupError(n, (await d.boardChoice?.(instance, hostname)) ?? null, known)
    if (boardErr) throw new AppError('VALIDATION', boardErr)
    const ready = n as Ready
    const creds = await talosconfig()
    const clusterReady = await clusterConfigReady(p, settings)
    const [atTarget, atCurrent] = await Promise.all([
      probe(ready.targetIp, creds, ready.applied),
      ready.currentIp && ready.currentIp !== ready.targetIp ? probe(ready.currentIp, creds) : Promise.resolve(null)
    ])
    const client = await d.talos.clientVersion({ signal: op.signal }).catch(() => null)
    const machineVersion = await receivingVersion(d.talos, ready, atTarget, atCurrent, call())
    const booted = atCurrent?.kind === 'maintenance' || atTarget.kind === 'maintenance'
    const tooOld = booted && machineVersion ? supportedVersionError(machineVersion, `The Talos ${hostname} booted (its ISO or network boot)`) : null
    if (tooOld) throw new AppError('VALIDATION', tooOld)
    receiving = formReceiver(machineVersion, client)
    secureBoot = await secureBootAt(d.talos, { targetIp: ready.targetIp, currentIp: ready.currentIp, atTarget, atCurrent, talosconfig: creds }, call())
    const decided = planSetup({
      hostname,
      state: ready.state,
      applied: ready.applied,
      targetIp: ready.targetIp,
      currentIp: ready.currentIp,
      clusterConfigReady: clusterReady,
      nodeConfigReady: clusterReady && (await nodeConfigReady(p, ready, settings, receiving, { secureBoot })),
      atTarget,
      atCurrent
    })
    if (decided.kind === 'refuse') throw new AppError(decided.code, decided.message)
    if (decided.apply) {
      const { ip, insecure } = decided.apply
      const talosconfig = insecure ? undefined : (creds ?? undefined)
      await assertSameMachine(d.talos, { hostname, mac: ready.mac, targetIp: ready.targetIp, ip, insecure, talosconfig }, call())
    }
    for (const note of decided.notes) op.log(note)
    if (decided.apply) op.log(networkFormNote(ready, settings, machineVersion, client))
    if (decided.apply && secureBoot) op.log(SECURE_BOOT_ENROLMENT)
    node = ready
    plan = decided
  }

  const expectedVersion = () => node!.version ?? settings!.talosVersion

  async function apply(): Promise<void> {
    const n = node!
    const target = plan!.apply
    if (!target) {
      const where = n.currentIp && n.currentIp !== n.targetIp ? `${n.currentIp} (current) or ${n.targetIp} (target)` : n.targetIp
      throw new AppError(
        'NODE_UNREACHABLE',
        `${hostname} does not answer at ${where}. Check that it is powered on, booted from the Talos boot media ` +
          `(its console shows its address), and on a network this computer can reach; then run setup again.`
      )
    }
    // The validator reads the file as the machine will: a refusal here sends nothing.
    await d.talos.validateConfig({ file: p.finalConfigFor(hostname), mode: 'metal' }, { signal: op.signal })
    op.log(`talosctl validate --mode metal: the configuration for ${hostname} is valid.`)
    await d.nodes.mark(instance, hostname, { state: 'applying' })
    if (target.insecure) {
      op.log(
        "The configuration, which holds the cluster secrets, is sent over TLS without checking the machine's " +
          'certificate: in maintenance mode it has no identity yet. Compare the fingerprint on its console if you need certainty.'
      )
    }
    try {
      const { summary } = await d.talos.applyConfig(
        {
          target: { node: target.ip, insecure: target.insecure, talosconfig: target.insecure ? undefined : p.talosconfig },
          file: p.finalConfigFor(hostname)
        },
        { signal: op.signal, onLine: (_s, line) => line.trim() && op.log(line) }
      )
      if (summary) op.log(summary)
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_IN_MAINTENANCE') {
        // It left maintenance since the check: ours if it takes our credentials, else refuse.
        const again = await probe(target.ip, await talosconfig())
        if (again.kind !== 'ours') {
          throw new AppError(
            'NOT_IN_MAINTENANCE',
            `${target.ip} left maintenance mode and does not accept this cluster's credentials: it belongs to another cluster. ` +
              `Reset it so it comes up in maintenance mode, then run setup again.`
          )
        }
        op.log(`${target.ip} already runs this cluster's configuration.`)
      } else throw e
    }
    await d.nodes.mark(instance, hostname, {
      state: plan!.expectReboot ? 'installing' : 'applying',
      applied: true,
      configured: true
    })
    if (plan!.expectReboot) {
      op.message(`Installing Talos on ${n.disk}. If the machine booted from a USB stick, remove it now.`)
      op.log(`${hostname} is installing Talos ${expectedVersion()} to ${n.disk}, then reboots (typically 1–5 minutes).`)
    }
  }

  /** Set when this run continues a wait an earlier, stopped run began. */
  let waitSince: string | null = null
  const wait = { hostname, timing: d.timing, op, probe, talosconfig }

  /** Control planes two and three: the etcd member list before the apply and after the boot. */
  let join: ReturnType<typeof createEtcdJoin> | null = null
  async function prepareJoin(): Promise<boolean> {
    if (node!.role !== 'controlplane' || !settings!.bootstrapped || !d.talos.runner || !d.nodes.records) return false
    const others = joinedControlPlanes(await d.nodes.records(instance), hostname)
    if (others.length === 0) return false
    join = createEtcdJoin(d.talos.runner, p.talosconfig, d.timing, others)
    await join.recordBefore(op)
    return true
  }

  const steps: Record<Exclude<SetupStep, 'Check the node'>, () => Promise<unknown>> = {
    'Generate cluster configuration': () => ensureClusterConfig(d.talos, p, settings!, { signal: op.signal, log: op.log }),
    'Write node configuration': async () => {
      await writeNodeConfig(d.talos, p, node!, settings!, { signal: op.signal, receiving, secureBoot })
      await d.nodes.mark(instance, hostname, { state: 'configured', configured: true })
    },
    'Apply configuration': async () => {
      await prepareJoin()
      await apply()
    },
    'Wait for the install to start': () => waitForReboot(wait, plan!.apply!.ip),
    'Wait for the node at its target address': () => waitForAnswer(wait, node!, expectedVersion(), waitSince),
    'Check etcd membership': () => join!.waitForMember({ hostname, ip: node!.targetIp, role: 'controlplane' }, op),
    'Mark node ready': () =>
      d.nodes.mark(instance, hostname, {
        state: 'ready',
        configured: true,
        deployed: true,
        applied: true,
        currentIp: node!.targetIp
      })
  }

  let checked = false
  let configSent = false
  try {
    const wasInterrupted = (await d.nodes.record(instance, hostname)).state === 'interrupted'
    await op.step('Check the node', check)
    checked = true
    configSent = plan!.startAt === WAIT_STEP
    if (wasInterrupted && configSent && d.operations) waitSince = earlierWaitStart(await d.operations(instance), hostname, op.id)
    const skipped = new Set<SetupStep>(skippedBefore(plan!.startAt))
    let index = 1
    for (const name of SETUP_STEPS.slice(1) as Exclude<SetupStep, 'Check the node'>[]) {
      index++
      if (skipped.has(name)) op.skip(name, 'Already done.')
      else if (name === 'Wait for the install to start' && !plan!.expectReboot) op.skip(name, 'No reboot expected.')
      // A resumed setup that skipped the apply reads the "before" list only now.
      else if (name === 'Check etcd membership' && !join && !(await prepareJoin())) op.skip(name, 'Not an additional control plane.')
      else {
        await op.step(name, steps[name], name === WAIT_STEP && waitSince ? { since: waitSince } : undefined)
        if (name === 'Apply configuration') configSent = true
      }
      op.progress(Math.round((index / SETUP_STEPS.length) * 100))
    }
    op.message(`${hostname} is ready at ${node!.targetIp}.`)
  } catch (e) {
    const err = e instanceof AppError ? e : null
    const precondition = !checked && err !== null && PRECONDITION.includes(err.code)
    if (op.signal.aborted) {
      // The operator stopped the app, not the machine: interrupted, and resume looks again.
      await d.nodes.mark(instance, hostname, { state: 'interrupted', stateReason: interruptedReason(configSent) }).catch(() => {})
    } else if (!precondition) {
      await d.nodes.mark(instance, hostname, { state: 'failed', stateReason: err?.message ?? String(e) }).catch(() => {})
    }
    throw e
  }
}
