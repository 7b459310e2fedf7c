import { X509Certificate } from 'node:crypto'
import { fromBase64, signedBy } from '../pki/certs'
import { locate, type MachineView } from '../stage'
import { updateLab } from '../state'
import type { CommandContext } from './context'
import {
  RpcError,
  badCertificate,
  certificateRequired,
  contextNotFound,
  dialError,
  emptyTalosconfig,
  noEndpoints,
  nodesNotSet,
  unknownAuthority
} from './errors'
import { currentContext, openTalosconfig, talosconfigPath, type TalosContext } from './talosconfig'

/**
 * How a call reaches a simulated machine: dial (fault knobs, stage), then TLS the way
 * talosctl and apid do it. Maintenance calls (--insecure) verify nothing and send no client
 * certificate; apid demands one signed by the cluster CA and presents a cert the talosconfig
 * CA must verify.
 */

export interface Reached {
  ip: string
  view: MachineView
  /** Value of the `node` key in output: "" under --insecure. */
  node: string
  garbage: boolean
}

/** Dials `ip` and applies the machine's fault knobs; returns the machine that answered. */
export async function dial(ctx: CommandContext, ip: string): Promise<{ view: MachineView; garbage: boolean }> {
  const lab = ctx.lab
  const where = locate(lab, ip, Date.now())
  const fail = async (kind: 'refused' | 'no-route' | 'timeout'): Promise<never> => {
    if (kind === 'timeout') await ctx.sleep(lab.timing.dialTimeoutMs)
    throw dialError(ip, kind)
  }
  if (where.kind === 'unreachable') return fail(where.reason)
  const faults = where.view.machine.faults
  if (faults.unreachable) return fail(faults.unreachable)
  if (faults.silent) return ctx.hang()
  if (faults.slowMs) await ctx.sleep(faults.slowMs)
  if (faults.failNext && faults.failNext.count > 0 && ctx.labFile) {
    const id = where.view.machine.id
    const error = await updateLab(ctx.labFile, (l) => {
      const m = l.machines.find((x) => x.id === id)
      const f = m?.faults.failNext
      if (!m || !f || f.count <= 0) return undefined
      m.faults.failNext = { ...f, count: f.count - 1 }
      return f.error
    })
    if (error !== undefined) throw new RpcError(error)
  }
  return { view: where.view, garbage: !!faults.garbage }
}

export async function reachInsecure(ctx: CommandContext): Promise<Reached> {
  // With --insecure the -n values become the endpoints, and only the first is used.
  const ip = ctx.list('nodes')[0]
  if (!ip) throw noEndpoints()
  const { view, garbage } = await dial(ctx, ip)
  if (view.api === 'apid') throw certificateRequired()
  return { ip, view, node: '', garbage }
}

function caSubjectIsTalos(caB64: string): boolean {
  try {
    return new X509Certificate(fromBase64(caB64)).subject === 'O=talos'
  } catch {
    return false
  }
}

/** The TLS handshake with apid (or, without --insecure, with a maintenance server). */
function handshake(view: MachineView, creds: TalosContext): void {
  const clusterCa = view.machine.cluster?.ca
  if (view.api !== 'apid' || !clusterCa) throw unknownAuthority(false)
  if (creds.ca !== clusterCa) throw unknownAuthority(!!creds.ca && caSubjectIsTalos(creds.ca))
  if (!creds.crt || !creds.key) throw certificateRequired()
  if (!signedBy(fromBase64(creds.crt), fromBase64(clusterCa))) throw badCertificate()
}

export interface SecureClient {
  nodes: string[]
  /** Runs through the endpoint to `node`, as apid proxies a call. */
  reach(node: string): Promise<Reached>
}

/** Builds the mTLS client like talosctl's WithClient: endpoints, context, then nodes. */
export async function secureClient(ctx: CommandContext, opts: { needNodes: boolean } = { needNodes: true }): Promise<SecureClient> {
  const path = talosconfigPath(ctx.str('talosconfig'), ctx.io.env, ctx.home, ctx.io.cwd)
  const cfg = await openTalosconfig(path)
  const { name, context } = currentContext(cfg, ctx.str('context'))
  const flagEndpoints = ctx.list('endpoints')
  if (flagEndpoints.length === 0 && !context?.endpoints.length) throw noEndpoints()
  if (Object.keys(cfg.contexts).length === 0) throw emptyTalosconfig()
  if (!context) throw contextNotFound(name)
  const endpoints = flagEndpoints.length ? flagEndpoints : context.endpoints
  const nodes = ctx.list('nodes').length ? ctx.list('nodes') : (context.nodes ?? [])
  if (opts.needNodes && nodes.length === 0) throw nodesNotSet()

  let endpoint: { ip: string; view: MachineView; garbage: boolean } | undefined
  const connectEndpoint = async (): Promise<{ ip: string; view: MachineView; garbage: boolean }> => {
    if (endpoint) return endpoint
    let first: unknown
    for (const ip of endpoints) {
      try {
        const d = await dial(ctx, ip)
        handshake(d.view, context)
        endpoint = { ip, ...d }
        return endpoint
      } catch (e) {
        first ??= e
      }
    }
    throw first
  }

  return {
    nodes,
    async reach(node) {
      const ep = await connectEndpoint()
      if (node === ep.ip) return { ip: node, view: ep.view, node, garbage: ep.garbage }
      const d = await dial(ctx, node)
      if (d.view.machine.id === ep.view.machine.id) return { ip: node, view: d.view, node, garbage: ep.garbage || d.garbage }
      // apid proxies with its own cluster credentials: the node must belong to the same cluster.
      if (d.view.api !== 'apid' || d.view.machine.cluster?.ca !== ep.view.machine.cluster?.ca) {
        throw unknownAuthority(d.view.api === 'apid')
      }
      return { ip: node, view: d.view, node, garbage: d.garbage }
    }
  }
}
