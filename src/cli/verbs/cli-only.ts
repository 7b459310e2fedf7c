/**
 * `wild` verbs with no contract command of their own, and why. The contract-table test fails on a
 * verb that is neither in the table (src/cli/verbs/table.ts) nor here.
 */
export const CLI_ONLY: Record<string, string> = {
  'etcd restore-help': 'prints the Talos disaster-recovery steps for a snapshot file; nothing runs',
  'node dmesg': 'the kernel messages: nodeOps.logs without a service, under its talosctl name'
}
