/**
 * `talosctl health` streams progress on stderr (reference §6):
 *   discovered nodes: ["192.168.1.50" "192.168.1.51"]
 *   waiting for etcd to be healthy: ...
 *   waiting for etcd to be healthy: OK
 *   waiting for etcd to be healthy: <error text>
 * Each line becomes an event a job can show as a step.
 */
export const HEALTH_CONDITIONS = [
  'etcd to be healthy',
  'etcd members to be consistent across nodes',
  'etcd members to be control plane nodes',
  'apid to be ready',
  'all nodes memory sizes',
  'all nodes disk sizes',
  'no diagnostics',
  'kubelet to be healthy',
  'all nodes to finish boot sequence',
  'all k8s nodes to report',
  'all control plane static pods to be running',
  'all control plane components to be ready',
  'all k8s nodes to report ready',
  'kube-proxy to report ready',
  'coredns to report ready',
  'all k8s nodes to report schedulable'
] as const

export type HealthEvent =
  | { kind: 'discovered'; nodes: string[] }
  | { kind: 'condition'; condition: string; state: 'waiting' | 'ok' | 'failing'; detail: string | null }
  | { kind: 'other'; line: string }

export function parseHealthLine(line: string): HealthEvent {
  const text = line.trim()
  const discovered = /^discovered nodes:\s*\[(.*)\]$/.exec(text)
  if (discovered) {
    const nodes = [...discovered[1]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!)
    return { kind: 'discovered', nodes }
  }
  const waiting = /^waiting for (.+?): (.*)$/.exec(text)
  if (waiting) {
    const condition = waiting[1]!
    const rest = waiting[2]!.trim()
    if (rest === '...') return { kind: 'condition', condition, state: 'waiting', detail: null }
    if (rest === 'OK') return { kind: 'condition', condition, state: 'ok', detail: null }
    return { kind: 'condition', condition, state: 'failing', detail: rest }
  }
  return { kind: 'other', line: text }
}
