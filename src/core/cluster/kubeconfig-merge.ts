import { z } from 'zod'
import { AppError } from '../../shared/errors'

/**
 * Merging a cluster's kubeconfig into the operator's own, as kubectl would: clusters, users and
 * contexts are matched by name (ours replace theirs of the same name, the rest is kept as it
 * was), and current-context switches to ours only when asked.
 */

const Named = z.looseObject({ name: z.string().min(1) })
export const Kubeconfig = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  clusters: z.array(Named).nullable().optional(),
  users: z.array(Named).nullable().optional(),
  contexts: z.array(Named).nullable().optional(),
  'current-context': z.string().nullable().optional()
})
export type Kubeconfig = z.infer<typeof Kubeconfig>

export function parseKubeconfig(value: unknown, what: string): Kubeconfig {
  const parsed = Kubeconfig.safeParse(value ?? {})
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    throw new AppError('CONFIG_INVALID', `${what} is not a kubeconfig (${first?.path.join('.') || 'top level'}: ${first?.message}). It was left untouched.`)
  }
  return parsed.data
}

function mergeNamed<T extends { name: string }>(mine: readonly T[] | null | undefined, theirs: readonly T[] | null | undefined): T[] {
  const incoming = mine ?? []
  const names = new Set(incoming.map((i) => i.name))
  const kept = (theirs ?? []).map((t) => (names.has(t.name) ? incoming.find((i) => i.name === t.name)! : t))
  const added = incoming.filter((i) => !(theirs ?? []).some((t) => t.name === i.name))
  return [...kept, ...added]
}

export function mergeKubeconfigs(
  existing: Kubeconfig | null,
  incoming: Kubeconfig,
  o: { setCurrentContext: boolean }
): { merged: Kubeconfig; context: string } {
  const context = incoming['current-context'] || incoming.contexts?.[0]?.name
  if (!context) throw new AppError('CONFIG_INVALID', "The cluster's kubeconfig names no context. Fetch it again.")
  const base: Kubeconfig = existing ?? { apiVersion: 'v1', kind: 'Config', preferences: {} }
  const merged: Kubeconfig = {
    ...base,
    apiVersion: base.apiVersion ?? 'v1',
    kind: base.kind ?? 'Config',
    clusters: mergeNamed(incoming.clusters, base.clusters),
    users: mergeNamed(incoming.users, base.users),
    contexts: mergeNamed(incoming.contexts, base.contexts),
    'current-context': o.setCurrentContext || !base['current-context'] ? context : base['current-context']
  }
  return { merged, context }
}

/** config.wild-backup-20251126-101502 */
export function backupName(target: string, at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  const stamp = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`
  return `${target}.wild-backup-${stamp}`
}
