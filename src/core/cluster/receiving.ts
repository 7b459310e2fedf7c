import type { ClusterSettings } from '../../shared/contract/cluster'
import { AppError } from '../../shared/errors'
import type { NodeRecord } from '../nodes/model'
import type { TalosApi } from '../talos/talos-api'
import { knowsDocuments, networkForm } from './config-form'
import type { MachineAnswer } from './probe'

type Node = Pick<NodeRecord, 'hostname' | 'targetIp' | 'currentIp' | 'version'>

/**
 * The Talos version of the machine setup is about to configure: in maintenance mode the version
 * it booted (the `version` resource answers --insecure, v1.10+), otherwise the version it runs.
 * Null when nothing answers or the machine cannot tell (then the v1alpha1 form is used).
 */
export async function receivingVersion(
  talos: Pick<TalosApi, 'talosVersion'>,
  n: Node,
  atTarget: MachineAnswer,
  atCurrent: MachineAnswer | null,
  o: { signal?: AbortSignal; timeoutMs?: number }
): Promise<string | null> {
  const maintenanceIp = atCurrent?.kind === 'maintenance' ? n.currentIp : atTarget.kind === 'maintenance' ? n.targetIp : null
  if (maintenanceIp) {
    try {
      return await talos.talosVersion({ node: maintenanceIp, insecure: true, ...o })
    } catch (e) {
      if (e instanceof AppError && ['NODE_UNREACHABLE', 'TIMEOUT'].includes(e.code)) return null
      throw e
    }
  }
  if (atTarget.kind === 'ours') return atTarget.version
  if (atCurrent?.kind === 'ours') return atCurrent.version
  return null
}

/**
 * talosctl merges the patch on this computer and must decode every document in it: an older
 * client than 1.12 cannot, so then the machine is treated as not knowing the documents either.
 */
export function formReceiver(receiving: string | null, client: string | null): string | null {
  return knowsDocuments(client) ? receiving : null
}

/** The op log line that says which form the node's network settings take, and why. */
export function networkFormNote(n: Node, s: Pick<ClusterSettings, 'talosVersion'>, receiving: string | null, client: string | null): string {
  const installed = n.version ?? s.talosVersion
  const who = receiving ? `runs Talos ${receiving}` : 'did not report its Talos version'
  if (networkForm(formReceiver(receiving, client), installed) === 'documents') {
    return `${n.hostname} ${who} and gets Talos ${installed}: its network settings are written as v1.12 documents (HostnameConfig, LinkConfig, …).`
  }
  const why = networkForm(receiving, installed) === 'documents' ? ` (talosctl ${client ?? 'of unknown version'} cannot merge the v1.12 documents)` : ''
  return `${n.hostname} ${who} and gets Talos ${installed}: its network settings are written as v1alpha1 machine.network fields, which both versions read${why}.`
}
