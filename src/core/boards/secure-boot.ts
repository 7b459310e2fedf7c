import { AppError } from '../../shared/errors'
import type { MachineAnswer } from '../cluster/probe'
import type { TalosApi } from '../talos/talos-api'

/**
 * Whether the machine that takes the config runs with Secure Boot (SecurityState.secureBoot):
 * its installer must then be the signed one. Asked where setup will apply; a machine that does
 * not answer the resource is taken as without Secure Boot.
 */
export async function secureBootAt(
  talos: Pick<TalosApi, 'get'>,
  at: { targetIp: string; currentIp: string | null; atTarget: MachineAnswer; atCurrent: MachineAnswer | null; talosconfig: string | null },
  call: { signal?: AbortSignal; timeoutMs?: number }
): Promise<boolean> {
  const target =
    at.atCurrent?.kind === 'maintenance' && at.currentIp
      ? { node: at.currentIp, insecure: true }
      : at.atTarget.kind === 'maintenance'
        ? { node: at.targetIp, insecure: true }
        : at.atTarget.kind === 'ours' && at.talosconfig
          ? { node: at.targetIp, insecure: false, talosconfig: at.talosconfig }
          : null
  if (!target) return false
  try {
    const [state] = await talos.get('securitystate', { ...target, ...call })
    return state?.spec.secureBoot === true
  } catch (e) {
    if (e instanceof AppError && ['NOT_FOUND', 'MAINTENANCE_UNSUPPORTED', 'CERT_OR_AUTH', 'MALFORMED_OUTPUT'].includes(e.code)) return false
    throw e
  }
}
