import type { Node } from '@shared/contract/nodes'
import type { Operation } from '@shared/contract/operations'
import { useCommandMutation } from '../../api/hooks'
import { Button, Card, InlineError } from '../../ui'
import { OperationLive } from '../operations/OperationLive'

/** Step 7: bootstrap etcd exactly once, then each health check as a visible step. */
export function BootstrapStep({ instance, node, op }: { instance: string; node: Node | null; op: Operation | null }) {
  const bootstrap = useCommandMutation('cluster.bootstrap', { invalidates: ['operations.list'] })
  const start = () => bootstrap.mutate(node ? { instance, hostname: node.hostname } : { instance })
  return (
    <Card
      title="Bootstrap the cluster"
      description={`Starts etcd on ${node?.hostname ?? 'the first control-plane machine'} — once, for the whole cluster — then waits until Kubernetes is healthy and saves the kubeconfig.`}
    >
      {op ? (
        <OperationLive op={op} onRetry={start} retrying={bootstrap.isPending} retryLabel="Run bootstrap again" />
      ) : (
        <div className="flex flex-col gap-3">
          <p className="text-[13px] text-muted">
            Early tries may answer "not ready yet" while the machine's clock syncs; the app retries quietly. The VIP starts answering once etcd is healthy.
          </p>
          <div>
            <Button variant="primary" loading={bootstrap.isPending} onClick={start}>
              Bootstrap the cluster
            </Button>
          </div>
        </div>
      )}
      <div className="mt-3">
        <InlineError error={bootstrap.error} />
      </div>
    </Card>
  )
}
