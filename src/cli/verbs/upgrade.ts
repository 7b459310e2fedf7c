import { composite, type VerbTable } from './types'

/**
 * `wild cluster upgrade` (plan, Talos and Kubernetes in one verb) and `wild node upgrade`, by hand in
 * src/cli/commands/upgrade.ts: they show a plan or a dry run before starting, then follow.
 */
export const upgradeVerbs = {
  'upgrade.plan': composite('cluster', 'upgrade'),
  'upgrade.cluster': composite('cluster', 'upgrade'),
  'upgrade.kubernetesDryRun': composite('cluster', 'upgrade'),
  'upgrade.kubernetes': composite('cluster', 'upgrade'),
  'upgrade.node': composite('node', 'upgrade')
} satisfies Partial<VerbTable>
