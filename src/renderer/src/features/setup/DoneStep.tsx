import { ArrowUpCircle, CheckCircle2, GitMerge, Plus } from 'lucide-react'
import { useState } from 'react'
import type { ClusterSettings } from '@shared/contract/cluster'
import type { InstanceSummary } from '@shared/contract/instances'
import type { Node } from '@shared/contract/nodes'
import { useCommandMutation, useCommandQuery } from '../../api/hooks'
import { navigate } from '../../app/router'
import { Button, Card, CodeBlock, CopyButton, Dialog, ErrorNotice, InlineError, Spinner } from '../../ui'
import { HealthCard } from './HealthCard'
import { nothingCanRun, SchedulingNote } from './SchedulingNote'

function MergeDialog({ instance, open, onOpenChange }: { instance: string; open: boolean; onOpenChange: (o: boolean) => void }) {
  const merge = useCommandMutation('cluster.mergeKubeconfig')
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (!merge.isPending) {
          onOpenChange(o)
          if (!o) merge.reset()
        }
      }}
      title="Merge into ~/.kube/config?"
      description="Adds this cluster to your personal kubeconfig so kubectl and other tools find it, and makes it the current context. The old file is backed up first."
      footer={
        merge.data ? (
          <Button variant="primary" onClick={() => onOpenChange(false)}>
            Done
          </Button>
        ) : (
          <>
            <Button onClick={() => onOpenChange(false)} disabled={merge.isPending}>
              Cancel
            </Button>
            <Button variant="primary" loading={merge.isPending} onClick={() => merge.mutate({ instance, setCurrentContext: true })}>
              Back up and merge
            </Button>
          </>
        )
      }
    >
      {merge.data ? (
        <div role="status" className="flex flex-col gap-1.5 text-[13px]">
          <p>
            Merged into <code>{merge.data.target}</code> as context <code>{merge.data.context}</code>.
          </p>
          <p className="text-muted">{merge.data.backup ? `The previous file is saved as ${merge.data.backup}.` : 'There was no previous file.'}</p>
        </div>
      ) : (
        <InlineError error={merge.error} />
      )}
    </Dialog>
  )
}

/** Step 8: the cluster works: how to reach it, and the next machine. */
export function DoneStep({
  instance,
  summary,
  cluster,
  nodes
}: {
  instance: string
  summary: InstanceSummary | null
  cluster: ClusterSettings
  nodes: Node[]
}) {
  const kube = useCommandQuery('cluster.kubeconfig', { instance, refresh: false })
  const [merging, setMerging] = useState(false)
  const cp = nodes.find((n) => n.role === 'controlplane' && n.state === 'ready')
  const talosconfig = summary ? `${summary.path}/talos/generated/talosconfig` : 'talosconfig'
  const kubePath = kube.data?.path ?? (summary ? `${summary.path}/kubeconfig` : 'kubeconfig')
  const commands = [
    `kubectl --kubeconfig "${kubePath}" get nodes`,
    `talosctl --talosconfig "${talosconfig}" --nodes ${cp?.targetIp ?? cluster.vip ?? '<node-ip>'} dashboard`
  ].join('\n')
  return (
    <div className="flex flex-col gap-5">
      <div className="flex items-start gap-3 rounded-lg border border-ok/30 bg-ok-soft p-4">
        <CheckCircle2 aria-hidden className="mt-0.5 size-5 shrink-0 text-ok" />
        <div>
          <p className="font-medium">Cluster {cluster.name} is running</p>
          <p className="text-[13px] text-muted">
            {nodes.filter((n) => n.state === 'ready').length} of {nodes.length} machine{nodes.length === 1 ? '' : 's'} ready
            {cluster.bootstrapped ? `, bootstrapped on ${cluster.bootstrapped.node}` : ''}.
          </p>
        </div>
      </div>
      {nothingCanRun(cluster, nodes) && <SchedulingNote instance={instance} nodes={nodes} />}
      <Card
        title="Kubeconfig"
        description="The credentials kubectl uses. Saved in this instance, readable only by you."
        actions={
          <Button size="sm" icon={<GitMerge aria-hidden className="size-3.5" />} onClick={() => setMerging(true)} disabled={!kube.data}>
            Merge into ~/.kube/config…
          </Button>
        }
      >
        {kube.isLoading ? (
          <Spinner inline label="Reading the kubeconfig…" />
        ) : kube.error ? (
          <ErrorNotice compact title="The kubeconfig could not be read" error={kube.error} onRetry={() => void kube.refetch()} />
        ) : kube.data ? (
          <div className="flex items-center gap-2 text-[13px]">
            <code className="min-w-0 flex-1 truncate rounded bg-code px-2 py-1">{kube.data.path}</code>
            <CopyButton text={kube.data.path} label="Copy kubeconfig path" />
            <CopyButton text={kube.data.content} label="Copy kubeconfig contents" />
          </div>
        ) : null}
      </Card>
      <HealthCard instance={instance} nodes={nodes} />
      <Card title="Try it" description="Run these in a terminal to see your cluster.">
        <CodeBlock code={commands} label="Commands to reach the cluster" wrap />
      </Card>
      <div className="flex justify-between gap-3">
        <Button onClick={() => navigate('nodes')}>Open Nodes</Button>
        <Button icon={<ArrowUpCircle aria-hidden className="size-4" />} onClick={() => navigate('setup', 'upgrade')}>
          Upgrade…
        </Button>
        <Button variant="primary" icon={<Plus aria-hidden className="size-4" />} onClick={() => navigate('setup', 'find')}>
          Add another node
        </Button>
      </div>
      <MergeDialog instance={instance} open={merging} onOpenChange={setMerging} />
    </div>
  )
}
