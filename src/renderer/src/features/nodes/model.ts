import type { Node } from '@shared/contract/nodes'
import type { NodeRole, NodeState } from '@shared/schemas/fields'
import type { Tone } from '../../ui'

export const STATE_VIEW: Record<NodeState, { tone: Tone; word: string; explain: string }> = {
  added: { tone: 'neutral', word: 'added', explain: 'Registered here; no configuration has been written for it yet.' },
  configured: { tone: 'info', word: 'configured', explain: 'Its configuration is written but not yet applied to the machine.' },
  applying: { tone: 'accent', word: 'applying', explain: 'The configuration is being sent to the machine.' },
  installing: { tone: 'accent', word: 'installing', explain: 'The machine is installing Talos and will reboot.' },
  ready: { tone: 'ok', word: 'ready', explain: 'Installed and answering at its address with this cluster’s credentials.' },
  failed: { tone: 'danger', word: 'failed', explain: 'The last setup did not finish.' },
  interrupted: { tone: 'warn', word: 'interrupted', explain: 'Setup was stopped; the machine may still be installing. Resume looks where it is.' }
}

export const ROLE_LABEL: Record<NodeRole, string> = { controlplane: 'control plane', worker: 'worker' }

/** The address to reach a machine at now: where it answers before setup, its target after. */
export function reachIp(node: Pick<Node, 'currentIp' | 'targetIp' | 'state'>): string | null {
  if (node.state === 'ready') return node.targetIp ?? node.currentIp
  return node.currentIp ?? node.targetIp
}
