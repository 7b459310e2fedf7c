import { promises as fs } from 'node:fs'
import type { z } from 'zod'
import { dirname } from 'node:path'
import { NodeAddInput, NodeUpdateInput, NodeRef, type Node } from '../../shared/contract/nodes'
import type { HardwareInfo } from '../../shared/contract/talos'
import { AppError, validationError } from '../../shared/errors'
import { NodeHostname, ipField } from '../../shared/schemas/fields'
import { settingsFrom } from '../config/settings'
import type { ConfigStore, ConfigEdit } from '../config/store'
import type { EventBus } from '../event-bus'
import { pathExists } from '../fs-safe'
import { instancePaths } from '../paths'
import type { TalosApi } from '../talos/talos-api'
import { createHardwareCache } from './hardware-cache'
import { fillFromHardware, hardwareProblems } from './hardware-check'
import { deleteNode, nodesFrom, publicNode, writeNewNode, writeNodeFields, type NodeField, type NodeRecord } from './model'
import { assertTransition, CONFIG_FIELDS, hasReason } from './state'
import { assertNoNewIssues, sameNode } from './validate'

export interface NodeServiceDeps {
  store: ConfigStore
  events: EventBus
  dataDir: string
  /** Hardware detection (core.hardware): uses the instance's talosconfig for configured machines. */
  detect?: (instance: string, ip: string, signal?: AbortSignal) => Promise<HardwareInfo>
  talos?: Pick<TalosApi, 'reset'>
}

export type NodeService = ReturnType<typeof createNodeService>

export function parseOr<S extends z.ZodType>(schema: S, v: unknown, what: string): z.output<S> {
  const r = schema.safeParse(v)
  if (!r.success) throw validationError(r.error, what)
  return r.data
}

export function findNode(nodes: readonly NodeRecord[], ref: string): NodeRecord | undefined {
  const r = ref.toLowerCase()
  return nodes.find((n) => n.hostname === r || (n.mac !== null && n.mac === r))
}

/**
 * The flags as booleans, written with any change to a node: a Go-era entry's "true" strings
 * (and a `deployed` only implied by `applied`) become explicit, so a later state change cannot
 * lose them.
 */
function flags(n: NodeRecord): Partial<Record<NodeField, unknown>> {
  return { configured: n.configured, deployed: n.deployed, applied: n.applied }
}

function notFound(instance: string, ref: string): AppError {
  return new AppError('NOT_FOUND', `There is no node "${ref}" in instance "${instance}". List the nodes with: wild node list`)
}

/**
 * The node registry inside config.yaml (cluster.nodes.active.<hostname>). Every change is one
 * locked read-modify-write; every rule (shapes, subnet, duplicates, VIP, detected hardware) is
 * checked inside the lock against what is on disk at that moment.
 */
export function createNodeService(deps: NodeServiceDeps) {
  const { store, events } = deps
  const paths = (instance: string) => instancePaths(deps.dataDir, instance)
  const cache = (instance: string) => createHardwareCache(paths(instance).root)
  const changed = (instance: string) => {
    events.emit('nodes.changed', { instance })
    events.emit('config.changed', { instance })
  }

  async function records(instance: string): Promise<NodeRecord[]> {
    return nodesFrom((await store.read(instance)).config)
  }

  async function record(instance: string, ref: string): Promise<NodeRecord> {
    const parsedRef = parseOr(NodeRef, ref, 'node')
    const found = findNode(await records(instance), parsedRef)
    if (!found) throw notFound(instance, ref)
    return found
  }

  /** Runs an edit of the nodes and checks the rules on the result, inside the lock. */
  async function edit<T>(instance: string, fn: (e: ConfigEdit, nodes: NodeRecord[]) => Promise<T> | T): Promise<T> {
    let wrote = false
    const result = await store.update(instance, async (e) => {
      const before = e.doc.toString()
      const out = await fn(e, nodesFrom(e.config))
      const after = store.validate(e.doc)
      assertNoNewIssues(e.config, after)
      wrote = e.doc.toString() !== before
      return out
    })
    if (wrote) changed(instance)
    return result
  }

  async function checkHardware(instance: string, n: Pick<NodeRecord, 'mac' | 'disk' | 'interface'>): Promise<void> {
    if (!n.mac) return
    const hw = await cache(instance).byMac(n.mac)
    const problems = hardwareProblems({ disk: n.disk, interface: n.interface }, hw)
    if (problems.length) throw new AppError('VALIDATION', problems.join(' '), { problems })
  }

  async function add(instance: string, raw: NodeAddInput): Promise<Node> {
    const input = parseOr(NodeAddInput, raw, 'node')
    return edit(instance, async (e, nodes) => {
      const existing = nodes.find((n) => n.hostname === input.hostname)
      if (existing) {
        const diff = sameNode(existing, input)
        if (diff) {
          throw new AppError(
            'CONFLICT',
            `A node named ${input.hostname} already exists with different settings (${diff}). ` + `Change it with update, or pick another hostname.`
          )
        }
        return publicNode(existing)
      }
      const settings = settingsFrom(e.config, instance)
      // A machine detected at its current (DHCP) address lends its MAC, interface and disk.
      const hw = input.mac ? await cache(instance).byMac(input.mac) : input.currentIp ? await cache(instance).byIp(input.currentIp) : null
      const filled = fillFromHardware({ mac: input.mac ?? null, interface: input.interface ?? null, disk: input.disk ?? null }, hw)
      const rec: NodeRecord = {
        hostname: input.hostname,
        role: input.role,
        mac: filled.mac,
        targetIp: input.targetIp,
        currentIp: input.currentIp ?? null,
        interface: filled.interface,
        disk: filled.disk,
        version: input.version ?? settings.talosVersion,
        schematicId: input.schematicId ?? settings.schematicId,
        configured: false,
        deployed: false,
        applied: false,
        state: 'added',
        stateReason: null
      }
      await checkHardware(instance, rec)
      writeNewNode(e, rec)
      return publicNode(rec)
    })
  }

  async function update(instance: string, hostname: string, raw: NodeUpdateInput): Promise<Node> {
    const h = parseOr(NodeHostname, hostname, 'hostname')
    const changes = parseOr(NodeUpdateInput, raw, 'node changes')
    return edit(instance, async (e, nodes) => {
      const n = nodes.find((x) => x.hostname === h)
      if (!n) throw notFound(instance, h)
      if (changes.role && changes.role !== n.role && n.applied) {
        throw new AppError(
          'CONFLICT',
          `${h} already runs as ${n.role} in the cluster; its role cannot change in place. Delete it (with reset) and add it again.`
        )
      }
      const next: NodeRecord = { ...n }
      for (const [k, v] of Object.entries(changes)) if (v !== undefined) (next as unknown as Record<string, unknown>)[k] = v
      const fields: Partial<Record<NodeField, unknown>> = {}
      for (const k of Object.keys(changes) as (keyof typeof changes)[]) {
        if (next[k] !== n[k]) fields[k] = next[k]
      }
      if (Object.keys(fields).length === 0) return publicNode(n)
      const reconfigure = CONFIG_FIELDS.some((k) => k in fields)
      if (reconfigure && n.state !== 'added') {
        // The machine still runs the old config at its old address: setup reaches it there.
        if ('targetIp' in fields && n.applied && changes.currentIp === undefined) fields.currentIp = n.targetIp
        assertTransition(h, n.state, 'added')
        Object.assign(fields, {
          configured: false,
          state: 'added',
          stateReason: null
        })
      }
      await checkHardware(instance, { ...next, ...(fields as Partial<NodeRecord>) })
      writeNodeFields(e, h, { ...flags(n), ...fields })
      return publicNode({ ...next, ...(fields as Partial<NodeRecord>) })
    })
  }

  /** Records lifecycle progress (setup and bootstrap use it); checks the transition. */
  async function mark(
    instance: string,
    hostname: string,
    fields: Partial<
      Pick<NodeRecord, 'state' | 'stateReason' | 'configured' | 'deployed' | 'applied' | 'currentIp' | 'mac' | 'interface' | 'disk' | 'version' | 'schematicId'>
    >
  ): Promise<NodeRecord> {
    return edit(instance, (e, nodes) => {
      const n = nodes.find((x) => x.hostname === hostname)
      if (!n) throw notFound(instance, hostname)
      if (fields.state) assertTransition(hostname, n.state, fields.state)
      const out: Partial<Record<NodeField, unknown>> = { ...flags(n), ...fields }
      if (fields.state && !hasReason(fields.state)) out.stateReason = null
      writeNodeFields(e, hostname, out)
      return { ...n, ...fields, stateReason: fields.state && hasReason(fields.state) ? (fields.stateReason ?? null) : null }
    })
  }

  async function remove(instance: string, hostname: string, opts: { confirm: string; reset?: boolean; signal?: AbortSignal }): Promise<void> {
    const h = parseOr(NodeHostname, hostname, 'hostname')
    if (opts.confirm !== h) {
      throw new AppError('VALIDATION', `Type the hostname "${h}" exactly to confirm deleting it.`)
    }
    const nodes = await records(instance)
    const n = nodes.find((x) => x.hostname === h)
    if (!n) throw notFound(instance, h)
    const p = paths(instance)
    if (opts.reset) {
      if (!n.applied) {
        throw new AppError('VALIDATION', `${h} was never set up by this instance, so there is nothing to reset. Delete it without reset.`)
      }
      if (!deps.talos) throw new AppError('INTERNAL', 'Resetting a node needs talosctl, which is not available here.')
      if (!(await pathExists(p.talosconfig))) {
        throw new AppError('NOT_FOUND', `This instance has no talosconfig, so it cannot reset ${h}. Delete it without reset.`)
      }
      const ip = n.deployed ? n.targetIp : (n.currentIp ?? n.targetIp)
      const lastControlPlane = n.role === 'controlplane' && nodes.filter((x) => x.role === 'controlplane' && x.applied).length <= 1
      try {
        // Graceful leaves etcd first; the last control-plane member has no cluster to leave.
        await deps.talos.reset({ target: { node: ip!, talosconfig: p.talosconfig }, graceful: !lastControlPlane, reboot: true }, { signal: opts.signal })
      } catch (e) {
        const err = e instanceof AppError ? e : new AppError('UNKNOWN', String(e))
        throw new AppError(
          err.code,
          `Could not reset ${h}: ${err.message} The node was kept. To remove it from the list anyway, delete it without reset.`,
          err.details
        )
      }
    }
    await edit(instance, (e) => {
      if (!deleteNode(e, h)) throw notFound(instance, h)
    })
    // Its machine config holds the cluster's keys: it goes with the node.
    await fs.rm(p.finalConfigFor(h), { force: true })
    if (n.mac) {
      await fs.rm(dirname(p.patchFor(n.mac)), { recursive: true, force: true })
    }
  }

  async function detectHardware(instance: string, ip: string, signal?: AbortSignal): Promise<HardwareInfo> {
    const addr = parseOr(ipField('IP address'), ip, 'address')
    if (!deps.detect) throw new AppError('INTERNAL', 'Hardware detection is not available here.')
    const hw = await deps.detect(instance, addr, signal)
    await cache(instance).save(hw)
    return hw
  }

  /** Wraps a detector so results for an instance are remembered (a failed save loses only a hint). */
  function detectWithMemory(detect: (instance: string | null, ip: string, signal?: AbortSignal) => Promise<HardwareInfo>) {
    return async (instance: string | null, ip: string, signal?: AbortSignal): Promise<HardwareInfo> => {
      const hw = await detect(instance, ip, signal)
      if (instance)
        await cache(instance)
          .save(hw)
          .catch(() => {})
      return hw
    }
  }

  return {
    list: async (instance: string): Promise<Node[]> => (await records(instance)).map(publicNode),
    get: async (instance: string, ref: string): Promise<Node> => publicNode(await record(instance, ref)),
    add,
    update,
    remove,
    detectHardware,
    detectWithMemory,
    /** Core-internal: records with the `applied` flag, and lifecycle marks. */
    records,
    record,
    mark,
    hardwareFor: (instance: string, mac: string) => cache(instance).byMac(mac)
  }
}
