import { handWritten, type VerbTable } from './types'

/** `wild cluster upgrade` (plan, Talos and Kubernetes in one verb) and `wild node upgrade`, by hand. */
export const upgradeVerbs = {
  'upgrade.plan': handWritten('cluster', 'upgrade'),
  'upgrade.cluster': handWritten('cluster', 'upgrade'),
  'upgrade.kubernetesDryRun': handWritten('cluster', 'upgrade'),
  'upgrade.kubernetes': handWritten('cluster', 'upgrade'),
  'upgrade.node': handWritten('node', 'upgrade')
} satisfies Partial<VerbTable>
