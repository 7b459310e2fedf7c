import { useState } from 'react'
import type { Operation } from '@shared/contract/operations'
import { useCommandMutation } from '../../api/hooks'
import { Button, Card, CodeBlock, Field, InlineError, Input } from '../../ui'
import { isActive } from '../operations/model'
import { OperationLive } from '../operations/OperationLive'

/** Kubernetes: the dry run first; the real upgrade only for the version that was dry-run. */
export function KubernetesUpgradeCard({ instance, current, op }: { instance: string; current: string; op: Operation | undefined }) {
  const [version, setVersion] = useState('')
  const dry = useCommandMutation('upgrade.kubernetesDryRun')
  const start = useCommandMutation('upgrade.kubernetes', { invalidates: ['operations.list'] })
  // Only the version that was dry-run, and not once the cluster already runs it.
  const checked = dry.data && dry.data.to === version.replace(/^v/, '') && dry.data.to !== current.replace(/^v/, '') ? dry.data : null
  const running = op ? isActive(op) : false
  const run = () => start.mutate({ instance, kubernetesVersion: version })
  return (
    <Card
      title="Kubernetes"
      description={`Running Kubernetes ${current}. talosctl upgrade-k8s upgrades every node, one minor version at a time; see its dry run before it changes anything.`}
    >
      <div className="flex flex-col gap-4">
        <div className="flex items-end gap-2">
          <Field label="Kubernetes version" className="flex-1">
            <Input value={version} placeholder={current} onChange={(e) => setVersion(e.target.value.trim())} />
          </Field>
          <Button disabled={!version || running} loading={dry.isPending} onClick={() => dry.mutate({ instance, kubernetesVersion: version })}>
            Dry run
          </Button>
          <Button variant="primary" disabled={!checked || running} loading={start.isPending} onClick={run}>
            Upgrade Kubernetes
          </Button>
        </div>
        <InlineError error={dry.error ?? start.error} />
        {checked && (
          <div className="flex flex-col gap-1.5">
            <p className="text-[13px] text-muted">
              Dry run of {checked.from} → {checked.to} through {checked.node}: nothing was changed.
            </p>
            <CodeBlock code={checked.lines.join('\n')} label="Kubernetes upgrade dry run" maxHeight="14rem" />
          </div>
        )}
        {op && <OperationLive op={op} onRetry={run} retryLabel="Run it again" retrying={start.isPending} />}
      </div>
    </Card>
  )
}
