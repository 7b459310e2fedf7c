/**
 * How to restore, written out for the operator, after Talos's disaster-recovery guide: the
 * control planes' etcd must be empty and waiting ("Preparing"), then ONE of them is bootstrapped
 * from the snapshot and the others join it. `wild` prints this (etcd snapshot, etcd restore-help); it never runs a restore.
 */
export function restoreSteps(snapshotPath: string): string[] {
  return [
    'To restore this snapshot (only when etcd has lost quorum or its data — it replaces the cluster state):',
    '  1. On every control-plane node, check etcd: talosctl -n <IP> service etcd',
    '     It must be "Preparing" (waiting for bootstrap). A node that still holds etcd data is reset first:',
    '     talosctl -n <IP> reset --graceful=false --reboot --system-labels-to-wipe=EPHEMERAL',
    '  2. On ONE control-plane node only, bootstrap from the snapshot:',
    `     talosctl -n <IP> bootstrap --recover-from=${snapshotPath}`,
    '     (add --recover-skip-hash-check only for a database copied from /var/lib/etcd, not for this snapshot)',
    '  3. The other control planes join by themselves; follow with: talosctl -n <IP> etcd members, then wild cluster health'
  ]
}
