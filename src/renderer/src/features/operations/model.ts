import type { Operation, OperationStatus, OperationType } from '@shared/contract/operations'
import type { SectionId } from '../../app/router'
import type { Tone } from '../../ui'

export const ACTIVE: readonly OperationStatus[] = ['pending', 'running']
export function isActive(op: Pick<Operation, 'status'>): boolean {
  return ACTIVE.includes(op.status)
}

export const TYPE_LABEL: Record<OperationType, string> = {
  discover: 'Scan',
  setup: 'Set up',
  download: 'Download',
  bootstrap: 'Bootstrap',
  reset: 'Reset',
  verify: 'Verify',
  detect: 'Detect hardware',
  health: 'Health check',
  'etcd-snapshot': 'etcd snapshot',
  'node-reboot': 'Reboot',
  'node-shutdown': 'Shut down',
  'control-plane-remove': 'Remove control plane',
  'talos-upgrade': 'Talos upgrade',
  'kubernetes-upgrade': 'Kubernetes upgrade'
}

export function operationTitle(op: Pick<Operation, 'type' | 'target'>): string {
  return `${TYPE_LABEL[op.type]} ${op.target}`.trim()
}

export const STATUS_VIEW: Record<OperationStatus, { tone: Tone; word: string }> = {
  pending: { tone: 'neutral', word: 'waiting' },
  running: { tone: 'accent', word: 'running' },
  completed: { tone: 'ok', word: 'done' },
  failed: { tone: 'danger', word: 'failed' },
  cancelled: { tone: 'neutral', word: 'cancelled' },
  interrupted: { tone: 'warn', word: 'interrupted' }
}

/** Where an operation's subject lives, for its "View" link. */
export function viewRoute(op: Pick<Operation, 'type' | 'target'>): { section: SectionId; rest: string[] } {
  switch (op.type) {
    case 'setup':
    case 'reset':
    case 'detect':
      return { section: 'nodes', rest: [op.target] }
    case 'download':
    case 'verify':
      return { section: 'assets', rest: [] }
    case 'discover':
      return { section: 'discovery', rest: [] }
    default:
      return { section: 'setup', rest: [] }
  }
}

/** "12.4 MiB of 80.0 MiB · 5.1 MiB/s" when bytes are known. */
export function bytesCaption(op: Pick<Operation, 'bytesDone' | 'bytesTotal' | 'bytesPerSecond'>, fmt: (n: number) => string): string | undefined {
  if (op.bytesDone === null) return undefined
  const total = op.bytesTotal !== null ? ` of ${fmt(op.bytesTotal)}` : ''
  const rate = op.bytesPerSecond ? ` · ${fmt(op.bytesPerSecond)}/s` : ''
  return `${fmt(op.bytesDone)}${total}${rate}`
}
