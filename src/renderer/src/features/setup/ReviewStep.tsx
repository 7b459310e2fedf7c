import { Pencil, ShieldAlert, Usb } from 'lucide-react'
import type { ClusterSettings } from '@shared/contract/cluster'
import type { Node } from '@shared/contract/nodes'
import { navigate } from '../../app/router'
import { Button, Card, CodeBlock, ErrorNotice, FactList, InlineError, Spinner } from '../../ui'
import { VANILLA_SCHEMATIC_ID } from '../assets/model'
import { usePatchPreview, useSetupNode } from '../nodes/hooks'
import { ROLE_LABEL } from '../nodes/model'

function Summary({ rows }: { rows: Array<[string, string | null | undefined]> }) {
  return <FactList rows={rows} />
}

/** Step 5: what will happen, in words and as the generated patch, with the two warnings. */
export function ReviewStep({ instance, cluster, node }: { instance: string; cluster: ClusterSettings; node: Node }) {
  const patch = usePatchPreview(instance, node.hostname)
  const setup = useSetupNode()
  const from = node.currentIp ?? node.targetIp
  return (
    <div className="flex flex-col gap-5">
      <Card
        title={`${node.hostname} will be installed`}
        actions={
          <Button size="sm" icon={<Pencil aria-hidden className="size-3.5" />} onClick={() => navigate('setup', 'node', node.hostname, 'hardware')}>
            Change
          </Button>
        }
      >
        <Summary
          rows={[
            ['Cluster', `${cluster.name} — endpoint https://${cluster.vip}:6443`],
            ['Role', ROLE_LABEL[node.role]],
            ['Now at', from],
            ['Will be at', node.targetIp],
            ['Install disk', `${node.disk} (everything on it is erased)`],
            ['Network card', node.interface ? `${node.interface}${node.mac ? ` · ${node.mac}` : ''}` : node.mac],
            ['Gateway / DNS', `${cluster.network.gateway ?? '—'} / ${cluster.network.dnsServers.join(', ') || 'from the gateway'}`],
            [
              'Talos',
              `${node.version ?? cluster.talosVersion} · ${(node.schematicId ?? cluster.schematicId) && (node.schematicId ?? cluster.schematicId) !== VANILLA_SCHEMATIC_ID ? 'with extensions' : 'plain'}`
            ],
            ['Kubernetes', cluster.kubernetesVersion],
            ['Apps on this machine', cluster.allowSchedulingOnControlPlanes || node.role === 'worker' ? 'yes' : 'no']
          ]}
        />
      </Card>

      <div className="flex gap-3 rounded-lg border border-warn/40 bg-warn-soft p-4">
        <ShieldAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-warn" />
        <div className="flex flex-col gap-1">
          <p className="font-medium">The configuration is sent unverified</p>
          <p className="text-[13px]">
            A fresh machine has no certificate this app can check, so its configuration — including the cluster's secrets — goes to {from} over an encrypted but
            unverified connection (talosctl apply-config --insecure). Do this on a network you trust.
          </p>
        </div>
      </div>
      <div className="flex gap-3 rounded-lg border border-info/30 bg-info-soft p-4">
        <Usb aria-hidden className="mt-0.5 size-4 shrink-0 text-info" />
        <p className="text-[13px]">
          <span className="font-medium">Remove the USB stick once the install starts.</span> The machine reboots from its disk; with the stick still in and
          first in the boot order it may start the installer again.
        </p>
      </div>

      <details className="rounded-lg border border-line bg-surface px-5 py-3.5">
        <summary className="cursor-pointer text-sm font-medium">The generated configuration patch</summary>
        <div className="mt-3">
          {patch.isLoading ? (
            <Spinner inline label="Generating the patch…" />
          ) : patch.error ? (
            <ErrorNotice compact error={patch.error} onRetry={() => void patch.refetch()} />
          ) : patch.data ? (
            <CodeBlock code={patch.data.yaml} label={`Configuration patch for ${node.hostname}`} maxHeight="20rem" />
          ) : null}
        </div>
      </details>

      <InlineError error={setup.error} />
      <div className="flex justify-end">
        <Button variant="primary" loading={setup.isPending} onClick={() => setup.mutate({ instance, hostname: node.hostname })}>
          Install Talos on {node.hostname}
        </Button>
      </div>
    </div>
  )
}
